import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAlertStore, type AlertStore } from '../../src/alerts/alert-store.js';
import { NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createTestRedis } from '../support/redis.js';
import { buildAlert } from './support/build-alert.js';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let store: AlertStore;
const clock = createManualClock('2025-07-01T08:00:00.000Z');

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('alerts'));
  store = createAlertStore(redis, prefix, clock);
});
afterEach(async () => cleanup());

async function keysUnderPrefix(): Promise<string[]> {
  return (await redis.keys(`${prefix}:*`)).sort();
}

describe('alert store', () => {
  it('when the same alert id is recorded twice, then it is stored, listed and fanned out once', async () => {
    const alert = buildAlert();
    expect(await store.record(alert)).toBe(true);
    expect(await store.record({ ...alert, createdAt: '2025-07-02T00:00:00.000Z' })).toBe(false);
    expect(await store.get(alert.id)).toEqual(alert);
    expect(await store.listUnit('cell-1')).toEqual([alert]);
    for (const team of alert.recipients) {
      const page = await store.listFeed(team);
      expect(page.items.map((i) => i.alert.id)).toEqual([alert.id]);
      expect(page.open).toBe(1);
    }
    expect(await store.teams()).toEqual(['unit:cell-1', 'wg:wg-1']);
  });

  it('when an alert is invalid, then it is refused and nothing is written', async () => {
    const bad = { ...buildAlert(), recipients: ['nobody'] };
    await expect(store.record(bad)).rejects.toBeInstanceOf(ValidationError);
    expect(await keysUnderPrefix()).toEqual([]);
  });

  it('when a team acknowledges an alert, then it moves behind the open ones and keeps who and when', async () => {
    const first = buildAlert();
    const second = buildAlert();
    await store.record(first);
    await store.record(second);
    expect(await store.ack('wg:wg-1', first.id, 'officer-7')).toBe('acknowledged');
    expect(await store.ack('wg:wg-1', first.id, 'someone-else')).toBe('already_acknowledged');
    const page = await store.listFeed('wg:wg-1');
    expect(page.items.map((i) => [i.alert.id, i.ack?.by ?? null])).toEqual([
      [second.id, null],
      [first.id, 'officer-7'],
    ]);
    expect(page.items[1]!.ack!.at).toBe(clock.now().toISOString());
    expect(page.open).toBe(1);
    const unitFeed = await store.listFeed('unit:cell-1', { status: 'open' });
    expect(unitFeed.items).toHaveLength(2);
  });

  it('when an acknowledgement names an unknown alert or a bad team, then it is refused and changes nothing', async () => {
    const alert = buildAlert();
    await store.record(alert);
    const before = await redis.zrange(`${prefix}:alerts:feed:wg:wg-1:open`, 0, '-1');
    await expect(store.ack('wg:wg-1', 'no-such-alert', 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.ack('sc:other', alert.id, 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.ack('bad team', alert.id, 'x')).rejects.toBeInstanceOf(ValidationError);
    await expect(store.ack('wg:wg-1', alert.id, '')).rejects.toBeInstanceOf(ValidationError);
    expect(await redis.zrange(`${prefix}:alerts:feed:wg:wg-1:open`, 0, '-1')).toEqual(before);
    expect(await redis.exists(`${prefix}:alerts:acks:wg:wg-1`)).toBe(0);
  });

  it('when a feed is paged across open and acknowledged alerts, then every alert appears exactly once in order', async () => {
    const alerts = Array.from({ length: 7 }, () => buildAlert());
    for (const a of alerts) await store.record(a);
    for (const a of alerts.slice(0, 3)) await store.ack('wg:wg-1', a.id, 'me');
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = await store.listFeed('wg:wg-1', { offset, limit: 2 });
      seen.push(...page.items.map((i) => i.alert.id));
      offset = page.nextOffset;
    }
    const ids = alerts.map((a) => a.id);
    expect(seen).toEqual([...ids.slice(3).reverse(), ...ids.slice(0, 3).reverse()]);
  });

  it('when a feed page is out of range, then it is refused', async () => {
    await expect(store.listFeed('wg:wg-1', { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.listFeed('wg:wg-1', { offset: -1 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('when a stored record is corrupted, then reading it fails loudly instead of returning bad data', async () => {
    const alert = buildAlert();
    await store.record(alert);
    await redis.set(`${prefix}:alert:${alert.id}`, JSON.stringify({ id: alert.id }));
    await expect(store.get(alert.id)).rejects.toThrow();
  });

  it('when existence of several ids is asked, then recorded ones are true in order', async () => {
    const alert = buildAlert();
    await store.record(alert);
    expect(await store.exist(['nope', alert.id])).toEqual([false, true]);
  });
});
