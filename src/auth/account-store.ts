import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { ConflictError } from '../shared/errors.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { accountSchema, type Account } from './account.schema.js';
import {
  adminLogEntrySchema,
  chainEntry,
  type AdminActor,
  type AdminAction,
  type AdminLogEntry,
} from './admin-log.js';

/** One change to an account, written together with its administration-log entry. */
export interface AccountChange {
  actor: AdminActor;
  action: AdminAction;
  /** The account after the change. */
  account: Account;
  details?: Record<string, string>;
}

export interface AccountStore {
  get(id: string): Promise<Account | null>;
  byUsername(username: string): Promise<Account | null>;
  list(): Promise<Account[]>;
  /**
   * Writes the account and appends the log entry in one transaction; a new username already taken
   * is a 409. Concurrent changes retry, so the log stays one chain.
   */
  apply(change: AccountChange, options?: { isNew?: boolean }): Promise<AdminLogEntry>;
  adminLog(): Promise<AdminLogEntry[]>;
  /** Remembers that session `sid` belongs to `accountId`, so disabling the account can end it. */
  trackSession(accountId: string, sid: string, ttlMs: number): Promise<void>;
  /** Deletes every session of the account from the session store; returns how many there were. */
  endSessions(accountId: string): Promise<number>;
}

export const newAccountId = () => `acc_${randomBytes(6).toString('hex')}`;
export const newAssignmentId = () => `asg_${randomBytes(6).toString('hex')}`;

/** Where express-session's Redis store keeps sessions (connect-redis `prefix`). */
export const sessionKeyPrefix = (prefix: string) => `${prefix}:auth:session:`;

/**
 * Accounts under `<prefix>:auth:account:<id>` (JSON), a username → id hash, the administration log
 * as a list, and per account the set of its session ids.
 */
export function createAccountStore(redis: Redis, prefix: string, clock: Clock = systemClock): AccountStore {
  const accountKey = (id: string) => `${prefix}:auth:account:${id}`;
  const usernames = `${prefix}:auth:usernames`;
  const logKey = `${prefix}:auth:admin-log`;
  const sessionsKey = (id: string) => `${prefix}:auth:account-sessions:${id}`;
  const parse = (raw: string | null) => (raw === null ? null : accountSchema.parse(JSON.parse(raw)));
  const get = async (id: string) => parse(await redis.get(accountKey(id)));

  async function applyOnce(change: AccountChange, isNew: boolean): Promise<AdminLogEntry | null> {
    const { account } = change;
    await redis.watch(logKey, usernames, accountKey(account.id));
    const [taken, headRaw] = await Promise.all([
      redis.hget(usernames, account.username),
      redis.lindex(logKey, -1),
    ]);
    if (isNew && taken !== null) {
      await redis.unwatch();
      throw new ConflictError(`The username ${account.username} is taken; choose another`, 'not_allowed');
    }
    const head = headRaw === null ? null : adminLogEntrySchema.parse(JSON.parse(headRaw));
    const entry = chainEntry(head, {
      at: clock.now().toISOString(),
      actor: change.actor,
      action: change.action,
      accountId: account.id,
      username: account.username,
      details: change.details ?? {},
    });
    const done = await redis
      .multi()
      .set(accountKey(account.id), JSON.stringify(accountSchema.parse(account)))
      .hset(usernames, account.username, account.id)
      .rpush(logKey, JSON.stringify(entry))
      .exec();
    return done === null ? null : entry;
  }

  return {
    get,
    async byUsername(username) {
      const id = await redis.hget(usernames, username);
      return id === null ? null : get(id);
    },
    async list() {
      const ids = Object.values(await redis.hgetall(usernames));
      const accounts = await Promise.all(ids.map(get));
      return accounts
        .filter((a): a is Account => a !== null)
        .sort((a, b) => a.username.localeCompare(b.username));
    },
    async apply(change, options = {}) {
      for (;;) {
        const entry = await applyOnce(change, options.isNew === true);
        if (entry !== null) return entry;
      }
    },
    async adminLog() {
      const raw = await redis.lrange(logKey, 0, -1);
      return raw.map((line) => adminLogEntrySchema.parse(JSON.parse(line)));
    },
    async trackSession(accountId, sid, ttlMs) {
      // The set outlives none of its sessions by more than the absolute limit, so it does not grow forever.
      await redis.multi().sadd(sessionsKey(accountId), sid).pexpire(sessionsKey(accountId), ttlMs).exec();
    },
    async endSessions(accountId) {
      const sids = await redis.smembers(sessionsKey(accountId));
      const keys = sids.map((sid) => `${sessionKeyPrefix(prefix)}${sid}`);
      await redis
        .multi()
        .del(sessionsKey(accountId), ...keys)
        .exec();
      return sids.length;
    },
  };
}
