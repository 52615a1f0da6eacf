import { Redis, type RedisOptions } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientOptions } from '../../src/redis/probe.js';
import { ScriptsNotDefinedError, scriptDefinitions } from '../../src/store/script-definitions.js';
import { appendEvent, appendOrgRecords, createKeySpace, type KeySpace } from '../../src/store/index.js';
import { namespaceContents } from '../support/namespace.js';
import { createTestRedis, TEST_REDIS_URL } from '../support/redis.js';

let admin: Redis;
let keys: KeySpace;
let cleanup: () => Promise<void>;
const clients: Redis[] = [];

beforeEach(async () => {
  const test = await createTestRedis('scripts');
  ({ redis: admin, cleanup } = test);
  keys = createKeySpace(test.prefix);
  await admin.hset(keys.snap('cell-1'), { v: '0', h: 'genesis', s: '{}', p: 'plan', m: '{}' });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await cleanup();
});

function client(options: RedisOptions): Redis {
  const redis = new Redis(TEST_REDIS_URL, options);
  clients.push(redis);
  return redis;
}

const append = {
  unitId: 'cell-1',
  ancestorIds: ['district-1'],
  expectedVersion: 0,
  recordJson: '{"seq":1}',
  hash: 'h1',
  snapshotJson: '{"n":1}',
  phase: 'bodies',
  milestonesJson: '{}',
  deadlinesJson: null,
  effectsJson: '[]',
  orgRevision: 0,
  occurredAt: '2020-03-02T09:00:00+07:00',
  rollupDeltas: new Map([['cell|ward|phase:bodies', 1]]),
};

describe('Lua scripts on an auto-pipelining client', () => {
  it('when the app client is built, then it already has every script as a command', () => {
    const redis = client({ ...clientOptions, lazyConnect: true });
    const names = Object.keys(scriptDefinitions);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      expect(typeof (redis as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('when its first script calls share a tick with other commands, then every command answers', async () => {
    // The auto-pipeline opened by the first GET predates any lazily defined script: this is the
    // order that ended the CLI with "pipeline[functionName] is not a function".
    const redis = client(clientOptions);
    await redis.ping();
    const [before, appended, orgVersion, after] = await Promise.all([
      redis.hget(keys.snap('cell-1'), 'v'),
      appendEvent(redis, keys, append),
      appendOrgRecords(redis, keys, { expectedVersion: 0, headHash: 'genesis', recordJsons: ['{"n":1}'] }),
      redis.hget(keys.snap('cell-1'), 'v'),
    ]);
    expect(before).toBe('0');
    expect(appended).toMatchObject({ duplicate: false, seq: 1, version: 1 });
    expect(orgVersion).toBe(1);
    expect(after).toBe('1');
  });

  it('when a client that pipelines automatically was built without the scripts, then a script call is refused and writes nothing', async () => {
    const redis = client({ maxRetriesPerRequest: null, enableAutoPipelining: true });
    const before = await namespaceContents(admin, keys.prefix);
    const error = await appendEvent(redis, keys, append).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScriptsNotDefinedError);
    expect((error as Error).message).toContain('"appendEvent"');
    expect(await namespaceContents(admin, keys.prefix)).toEqual(before);
  });
});
