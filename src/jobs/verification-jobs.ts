/**
 * Verifications in the background (POST /units/:id/verifications, and GET …/verify?subtree=true over
 * more units than a request should carry): the CLI's verify processes (src/cli/verify-processes.ts)
 * do the hashing and replaying in a child process, off the server's event loop; the run's state lives
 * in Redis, so any replica can answer for it, and one principal runs one verification at a time.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { verifyInChildren, type ChildProgram } from './verify-processes.js';
import {
  verificationViewSchema,
  type VerificationsPort,
  type VerificationView,
} from './verifications.port.js';
import type { VerifyReport } from '../engine/engine.types.js';
import { AppError, ForbiddenError, NotFoundError } from '../shared/errors.js';

/** How a run's child process is started, given the token it acts with. */
export type VerifyProgram = (token: string) => ChildProgram;

/** Background verifications yield the CPU to the API's requests (see ChildProgram.niceness). */
export const BACKGROUND_NICENESS = 10;

export interface VerificationJobsDeps {
  redis: Redis;
  prefix: string;
  program: VerifyProgram;
  logger: Logger;
}

/** Finished runs stay readable this long. */
const KEEP_SECONDS = 7 * 24 * 3600;
/** The per-principal lease outlives a refresh interval, and lapses if this process dies. */
const LEASE_MS = 60_000;
const SAVE_EVERY_MS = 500;

export interface VerificationJobs extends VerificationsPort {
  /** Stops running children (their runs end as failed) and waits for them. */
  close(): Promise<void>;
}

export function createVerificationJobs(deps: VerificationJobsDeps): VerificationJobs {
  const { redis, prefix } = deps;
  const viewKey = (id: string) => `${prefix}:verification:${id}`;
  const leaseKey = (principalId: string) => `${prefix}:verification-running:${principalId}`;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  const save = (view: VerificationView) =>
    redis.set(viewKey(view.id), JSON.stringify(view), 'EX', KEEP_SECONDS);

  const load = async (id: string): Promise<VerificationView | null> => {
    const raw = await redis.get(viewKey(id));
    return raw === null ? null : verificationViewSchema.parse(JSON.parse(raw));
  };

  const run = async (view: VerificationView, ids: string[], token: string, signal: AbortSignal) => {
    const broken: VerifyReport[] = [];
    let events = 0;
    let savedAt = Date.now();
    const onReport = (report: VerifyReport) => {
      view.verified += 1;
      events += report.events;
      if (!report.ok) {
        broken.push(report);
        view.broken += 1;
      }
      if (Date.now() - savedAt < SAVE_EVERY_MS) return;
      savedAt = Date.now();
      save(view).catch((err: unknown) =>
        deps.logger.warn({ err, id: view.id }, 'verification progress not saved'),
      );
    };
    const lease = setInterval(
      () => void redis.pexpire(leaseKey(view.startedBy), LEASE_MS).catch(() => 0),
      LEASE_MS / 3,
    );
    try {
      await verifyInChildren(
        ids,
        1,
        { ...deps.program(token), signal, niceness: BACKGROUND_NICENESS },
        onReport,
      );
      view.status = 'done';
      view.result = { ok: broken.length === 0, units: ids.length, events, broken };
    } catch (error) {
      view.status = 'failed';
      view.error = signal.aborted ? 'stopped: the server shut down; start it again' : errorText(error);
    } finally {
      clearInterval(lease);
      view.finishedAt = new Date().toISOString();
      await save(view).catch((err: unknown) =>
        deps.logger.error({ err, id: view.id }, 'verification result not saved'),
      );
      await redis.del(leaseKey(view.startedBy)).catch(() => 0);
    }
  };

  return {
    async start({ unitId, unitIds, principal, token }) {
      const id = randomUUID();
      const taken = await redis.set(leaseKey(principal.id), id, 'PX', LEASE_MS, 'NX');
      if (taken === null) {
        const other = (await redis.get(leaseKey(principal.id))) ?? '';
        throw new AppError(
          `A verification of yours is already running (/api/v1/verifications/${other}); wait for it to finish`,
          409,
          'verification_running',
          { running: other },
        );
      }
      const view: VerificationView = {
        id,
        unitId,
        startedBy: principal.id,
        status: 'running',
        total: unitIds.length,
        verified: 0,
        broken: 0,
        startedAt: new Date().toISOString(),
      };
      await save(view);
      const controller = new AbortController();
      const done = run(view, unitIds, token, controller.signal).finally(() => running.delete(id));
      running.set(id, { controller, done });
      return { ...view };
    },

    async get(id, principal) {
      const view = await load(id);
      if (view === null) throw new NotFoundError(`No verification ${id} (finished ones are kept for 7 days)`);
      if (principal.role !== 'admin' && view.startedBy !== principal.id)
        throw new ForbiddenError(`Verification ${id} was started by someone else`);
      return view;
    },

    async close() {
      const all = [...running.values()];
      all.forEach((r) => r.controller.abort());
      await Promise.all(all.map((r) => r.done));
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
