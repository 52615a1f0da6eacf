import { AppError } from '../shared/errors.js';

/** Open live streams allowed at once, per token and per process (SSE_MAX_PER_TOKEN, SSE_MAX_PER_PROCESS). */
export interface StreamLimits {
  perToken: number;
  perProcess: number;
}

/** Counts open live streams so that one token, or all together, cannot hold more than the limits. */
export interface StreamSlots {
  /** Takes a slot for `token` (its hash), or throws a 429 saying which limit was reached; returns the release. */
  acquire(token: string): () => void;
  open(): number;
}

function refusal(message: string): AppError {
  return new AppError(message, 429, 'too_many_streams');
}

/** Slots in process memory: the limits hold per process, like the rate limits. */
export function createStreamSlots(limits: StreamLimits): StreamSlots {
  const byToken = new Map<string, number>();
  let open = 0;
  return {
    acquire(token) {
      const mine = byToken.get(token) ?? 0;
      if (mine >= limits.perToken)
        throw refusal(
          `This token already has ${mine} live alert streams open (at most ${limits.perToken}); close one before opening another`,
        );
      if (open >= limits.perProcess)
        throw refusal(
          `This server already serves ${open} live alert streams (at most ${limits.perProcess}); retry later or poll GET /api/v1/alerts`,
        );
      byToken.set(token, mine + 1);
      open += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open -= 1;
        const left = (byToken.get(token) ?? 1) - 1;
        if (left === 0) byToken.delete(token);
        else byToken.set(token, left);
      };
    },
    open: () => open,
  };
}
