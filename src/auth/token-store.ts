import { hash as cryptoHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Principal } from '../domain/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { principalSchema, type TokenRequest } from './principal.schema.js';

/** What is kept about a token: never the token itself. */
export const tokenRecordSchema = z.object({
  id: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  label: z.string().optional(),
  createdAt: z.string(),
  principal: principalSchema,
});
export type TokenRecord = z.infer<typeof tokenRecordSchema>;

export interface TokenStore {
  /** Issues a token; the plain value is returned here once and cannot be recovered later. */
  create(request: TokenRequest): Promise<{ token: string; record: TokenRecord }>;
  /** The token's record, or null when it is unknown or revoked. */
  resolve(token: string): Promise<TokenRecord | null>;
  /** True when a token with this id existed and is now revoked. */
  revoke(id: string): Promise<boolean>;
  list(): Promise<TokenRecord[]>;
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
  const read = async (hash: string) => parseRecord(await redis.get(tokenKey(hash)));

  return {
    async create(request) {
      const token = randomBytes(32).toString('base64url');
      const id = `tok_${randomBytes(6).toString('hex')}`;
      const { role, unitId, workingGroup, subtreeOf, label } = request;
      const principal: Principal = { id, role, unitId, workingGroup, subtreeOf };
      const record = tokenRecordSchema.parse({
        id,
        hash: hashToken(token),
        label,
        createdAt: clock.now().toISOString(),
        principal: JSON.parse(JSON.stringify(principal)) as unknown,
      });
      await redis
        .multi()
        .set(tokenKey(record.hash), JSON.stringify(record))
        .hset(indexKey, id, record.hash)
        .exec();
      return { token, record };
    },
    resolve: (token) => read(hashToken(token)),
    async revoke(id) {
      const hash = await redis.hget(indexKey, id);
      if (hash === null) return false;
      await redis.multi().del(tokenKey(hash)).hdel(indexKey, id).exec();
      return true;
    },
    async list() {
      const hashes = Object.values(await redis.hgetall(indexKey));
      const records = await Promise.all(hashes.map(read));
      return records
        .filter((r): r is TokenRecord => r !== null)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

function parseRecord(raw: string | null): TokenRecord | null {
  if (raw === null) return null;
  return tokenRecordSchema.parse(JSON.parse(raw));
}
