/**
 * The dashboard's live alert client (src/web/public/js/live-alerts.js) against the real API: when its
 * connection drops, it reconnects with the last event id it saw, so alerts recorded while it was away
 * still arrive, once each.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../src/alerts/alert.schema.js';
import { startTestApp, type TestApp } from '../api/api-harness.js';

/** The module is plain ESM JavaScript served to the browser; it runs unchanged on Node's fetch. */
type Subscribe = (
  token: string,
  onAlert: (alert: Alert) => void,
  onStatus: (status: string) => void,
  url: string,
) => () => void;
const modulePath = '../../src/web/public/js/live-alerts.js';
const { subscribeAlerts } = (await import(modulePath)) as { subscribeAlerts: Subscribe };

const alertFor = (id: string): Alert => ({
  id,
  type: 'overdue',
  unitId: 'C1',
  recipients: ['unit:C1'],
  fireAt: '2026-03-01T00:00:00.000Z',
  createdAt: '2026-03-01T00:00:01.000Z',
});

describe('dashboard live alerts: reconnecting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('when the connection drops, then the alerts recorded meanwhile arrive after the reconnect, once each', async () => {
    const { port } = t.server.address() as AddressInfo;
    const seen: string[] = [];
    const statuses: string[] = [];
    const stop = subscribeAlerts(
      t.token.secretary,
      (alert: Alert) => seen.push(alert.id),
      (status: string) => statuses.push(status),
      `http://127.0.0.1:${port}/api/v1/alerts/stream`,
    );
    try {
      await expect.poll(() => statuses.includes('live')).toBe(true);
      await t.alertStore.record(alertFor('k-1'));
      await expect.poll(() => seen).toEqual(['k-1']);

      // The server drops every connection; the client waits a second before it reconnects.
      t.server.closeAllConnections();
      await expect.poll(() => statuses.at(-1)).toBe('offline');
      await t.alertStore.record(alertFor('k-2'));
      await t.alertStore.record(alertFor('k-3'));

      await expect.poll(() => seen, { timeout: 15_000 }).toEqual(['k-1', 'k-2', 'k-3']);
      await t.alertStore.record(alertFor('k-4'));
      await expect.poll(() => seen).toEqual(['k-1', 'k-2', 'k-3', 'k-4']);
    } finally {
      stop();
    }
  });
});
