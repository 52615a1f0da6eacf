/* global fetch, setTimeout */
/**
 * Live alerts over Server-Sent Events. EventSource cannot send an Authorization header and the API
 * authenticates only by bearer header, so the stream is read with fetch and parsed here (the SSE wire
 * format: blocks separated by a blank line, `id:`, `event:` and `data:` lines). Reconnects with back-off,
 * sending the last event id it saw as `Last-Event-ID`, as EventSource would, so the server replays the
 * alerts recorded while the connection was down.
 */
import { alertSchema } from './schemas.js';

/** @typedef {import('./schemas.js').Alert} Alert */
/** @typedef {'live' | 'offline' | 'unavailable'} StreamStatus */

const RETRY_MS = [1000, 3000, 10_000, 30_000];

/**
 * The alerts of one SSE block, if it is an `alert` event with a valid body.
 * @param {string} block
 * @returns {Alert | null}
 */
export function parseAlertBlock(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (event !== 'alert' || data.length === 0) return null;
  try {
    const parsed = alertSchema.safeParse(JSON.parse(data.join('\n')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The `id:` of one SSE block, if it has one.
 * @param {string} block
 * @returns {string | null}
 */
export function eventIdOf(block) {
  const line = block.split('\n').find((l) => l.startsWith('id:'));
  return line === undefined ? null : line.slice(3).trim();
}

/**
 * Reads one connection until it ends or fails; 'refused' when retrying cannot help (no alerts on this
 * server, or the token no longer valid).
 * @param {string} url
 * @param {string} token
 * @param {{ lastEventId: string | null }} cursor where the previous connection stopped; advanced here
 * @param {AbortSignal} signal
 * @param {(alert: Alert) => void} onAlert
 * @param {(status: StreamStatus) => void} onStatus
 */
async function readStream(url, token, cursor, signal, onAlert, onStatus) {
  /** @type {Record<string, string>} */
  const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
  if (cursor.lastEventId) headers['Last-Event-ID'] = cursor.lastEventId;
  const res = await fetch(url, { headers, signal });
  if (res.status === 401 || res.status === 403 || res.status === 404) return 'refused';
  if (!res.ok || res.body === null) throw new Error(`alert stream answered ${res.status}`);
  onStatus('live');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return 'ended';
    buffer += value.replaceAll('\r\n', '\n');
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      cursor.lastEventId = eventIdOf(block) ?? cursor.lastEventId;
      const alert = parseAlertBlock(block);
      if (alert) onAlert(alert);
    }
  }
}

/**
 * Subscribes until the returned function is called.
 * @param {string} token
 * @param {(alert: Alert) => void} onAlert
 * @param {(status: StreamStatus) => void} onStatus
 * @param {string} [url] the stream's address (another origin in tests)
 * @returns {() => void} stop
 */
export function subscribeAlerts(token, onAlert, onStatus, url = '/api/v1/alerts/stream') {
  const controller = new AbortController();
  const cursor = { lastEventId: /** @type {string | null} */ (null) };
  let attempt = 0;
  const loop = async () => {
    while (!controller.signal.aborted) {
      const outcome = await readStream(url, token, cursor, controller.signal, onAlert, onStatus).catch(
        () => 'failed',
      );
      if (controller.signal.aborted) return;
      if (outcome === 'refused') return onStatus('unavailable');
      if (outcome === 'ended') attempt = 0;
      onStatus('offline');
      const wait = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  void loop();
  return () => controller.abort();
}
