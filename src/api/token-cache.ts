import type { TokenRecord, TokenStore } from '../auth/token-store.js';
import { hashToken } from '../auth/token-store.js';
import { systemClock, type Clock } from '../shared/clock.js';

/** How long a resolved token is trusted in process, and how many are kept. */
export interface TokenCacheOptions {
  /** Longest delay before a revocation made by another process (the CLI, another replica) bites. */
  ttlMs: number;
  /** Oldest entries are dropped beyond this many; default 10,000. */
  maxEntries?: number;
  clock?: Clock;
}

interface Entry {
  record: TokenRecord;
  expiresAt: number;
}

/**
 * Wraps a token store so a token resolved in the last `ttlMs` is answered from memory: without it
 * every API request pays one Redis round trip before any work starts. Entries are keyed by the
 * token's SHA-256 (never the token). A revocation through this store takes effect at once; one made
 * elsewhere takes effect within `ttlMs`. Unknown tokens are not cached, so a token created
 * elsewhere works at once and guessing still meets the failed-authentication limit.
 */
export function cacheTokenStore(store: TokenStore, options: TokenCacheOptions): TokenStore {
  const clock = options.clock ?? systemClock;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();

  const remember = (hash: string, record: TokenRecord) => {
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(hash, { record, expiresAt: clock.now().getTime() + options.ttlMs });
  };

  return {
    create: (request) => store.create(request),
    list: () => store.list(),
    async resolve(token) {
      const hash = hashToken(token);
      const cached = entries.get(hash);
      if (cached && cached.expiresAt > clock.now().getTime()) return cached.record;
      entries.delete(hash);
      const record = await store.resolve(token);
      if (record !== null) remember(hash, record);
      return record;
    },
    async revoke(id) {
      // Forget first, so a request racing the revocation cannot re-read a stale entry afterwards.
      for (const [hash, entry] of entries) if (entry.record.id === id) entries.delete(hash);
      const revoked = await store.revoke(id);
      for (const [hash, entry] of entries) if (entry.record.id === id) entries.delete(hash);
      return revoked;
    },
  };
}
