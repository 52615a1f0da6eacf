import { hash as cryptoHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Principal } from '../domain/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { durationMs, principalSchema, type TokenRequest } from './principal.schema.js';

/** What is kept about a token: never the token itself. */
export const tokenRecordSchema = z.object({
  id: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  label: z.string().optional(),
  createdAt: z.string(),
  /** When the token stops working; null (or absent, for older records) means never. */
  expiresAt: z.string().nullable().optional(),
  /** Last time it authenticated a request, to the minute (see LAST_USED_RESOLUTION_MS). */
  lastUsedAt: z.string().nullable().optional(),
  /** The account it serves, if any: revoked with that account when it is disabled. */
  accountId: z.string().optional(),
  principal: principalSchema,
});
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

export interface TokenStore {
  /** Issues a token; the plain value is returned here once and cannot be recovered later. */
  create(request: TokenRequest): Promise<{ token: string; record: TokenRecord }>;
  /**
   * The token's record, or null when it is unknown or revoked. An expired token's record is returned
   * (so the caller can say `token_expired`); check `isExpired`. A live one has `lastUsedAt` refreshed.
   */
  resolve(token: string): Promise<TokenRecord | null>;
  /** True when a token with this id existed and is now revoked. */
  revoke(id: string): Promise<boolean>;
  list(): Promise<TokenRecord[]>;
}

/** A token record whose `expiresAt` has passed at `now`. */
export function isExpired(record: TokenRecord, now: Date): boolean {
  return record.expiresAt != null && Date.parse(record.expiresAt) <= now.getTime();
}

/**
 * `lastUsedAt` is rewritten at most once a minute per token, so a busy client does not turn every
 * read into a Redis write.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Revokes every token issued for `accountId` (the account was disabled); returns their ids. */
export async function revokeTokensOf(tokens: TokenStore, accountId: string): Promise<string[]> {
  const owned = (await tokens.list()).filter((r) => r.accountId === accountId);
  for (const record of owned) await tokens.revoke(record.id);
  return owned.map((r) => r.id);
}

/**
 * Plain SHA-256, not bcrypt/scrypt: the tokens carry 256 bits of randomness, so there is no
 * dictionary to brute-force and a slow hash would only add latency to every request.
 */
export function hashToken(token: string): string {
  return cryptoHash('sha256', token, 'hex');
}

/** Tokens in Redis under `<prefix>:auth:token:<sha256>`, with an id → hash index for listing and revoking. */
export function createTokenStore(redis: Redis, prefix: string, clock: Clock = systemClock): TokenStore {
  const tokenKey = (hash: string) => `${prefix}:auth:token:${hash}`;
  const indexKey = `${prefix}:auth:tokens`;
  // When each token last authenticated, apart from the records: bookkeeping every authenticated
  // request may touch, while the record itself changes only when the token is issued.
  const usedKey = `${prefix}:auth:token-used`;
  const read = async (hash: string) => parseRecord(await redis.get(tokenKey(hash)));
  const touch = async (record: TokenRecord) => {
    const now = clock.now();
    const stored = await redis.hget(usedKey, record.id);
    const last = stored === null ? 0 : Date.parse(stored);
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return { ...record, lastUsedAt: stored };
    await redis.hset(usedKey, record.id, now.toISOString());
    return { ...record, lastUsedAt: now.toISOString() };
  };

  return {
    async create(request) {
      const token = randomBytes(32).toString('base64url');
      const id = `tok_${randomBytes(6).toString('hex')}`;
      const { role, unitId, workingGroup, subtreeOf, label, expiresIn, accountId } = request;
      const principal: Principal = { id, role, unitId, workingGroup, subtreeOf };
      const now = clock.now();
      const record = tokenRecordSchema.parse({
        id,
        hash: hashToken(token),
        label,
        createdAt: now.toISOString(),
        expiresAt:
          expiresIn === undefined ? null : new Date(now.getTime() + durationMs(expiresIn)).toISOString(),
        lastUsedAt: null,
        accountId,
        principal: JSON.parse(JSON.stringify(principal)) as unknown,
      });
      await redis
        .multi()
        .set(tokenKey(record.hash), JSON.stringify(record))
        .hset(indexKey, id, record.hash)
        .exec();
      return { token, record };
    },
    async resolve(token) {
      const record = await read(hashToken(token));
      return record === null || isExpired(record, clock.now()) ? record : touch(record);
    },
    async revoke(id) {
      const hash = await redis.hget(indexKey, id);
      if (hash === null) return false;
      await redis.multi().del(tokenKey(hash)).hdel(indexKey, id).hdel(usedKey, id).exec();
      return true;
    },
    async list() {
      const [hashes, used] = await Promise.all([redis.hgetall(indexKey), redis.hgetall(usedKey)]);
      const records = await Promise.all(Object.values(hashes).map(read));
      return records
        .filter((r): r is TokenRecord => r !== null)
        .map((r) => ({ ...r, lastUsedAt: used[r.id] ?? null }))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

function parseRecord(raw: string | null): TokenRecord | null {
  if (raw === null) return null;
  return tokenRecordSchema.parse(JSON.parse(raw));
}
