/** The Redis adapters the engine uses; nothing outside src/store imports ioredis. */
export type { Redis as RedisClient } from 'ioredis';
export { createKeySpace, DEFAULT_PREFIX, type KeySpace } from './keys.js';
export * from './records.js';
export * from './scripts.js';
export * from './snapshot-fields.js';
export * from './unit-store.js';
export * from './event-log.js';
export * from './rollup-store.js';
export * from './deadline-store.js';
export * from './org-store.js';
export * from './cascade-failures.js';
export * from './log-record.js';
