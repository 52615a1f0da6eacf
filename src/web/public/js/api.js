/* global fetch */
/**
 * The dashboard's client of /api/v1: bearer token on every call, answers checked against schemas.js,
 * failures turned into ApiError carrying the problem+json detail.
 */
import {
  alertsSchema,
  atRiskSchema,
  batchResultSchema,
  bulkAckSchema,
  childrenSchema,
  dispatchSchema,
  workSchema,
  historyPageSchema,
  meSchema,
  problemSchema,
  progressSchema,
  replaySchema,
  unitViewSchema,
  verifySchema,
} from './schemas.js';
import { authHeaders, isSession } from './auth-headers.js';

/** A failed call: HTTP status (0 when the server could not be reached) and the server's detail. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} detail
   * @param {string} [code]
   * @param {Record<string, unknown>} [body] the whole problem+json (current version, issues…)
   */
  constructor(status, detail, code, body = {}) {
    super(detail);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Raised when an answer does not have the expected shape. */
export class ShapeError extends Error {
  /** @param {string} where */
  constructor(where) {
    super(where);
    this.where = where;
  }
}

/** Longest history the unit page loads (pages of 500); a unit's log is a few hundred events at most. */
const MAX_HISTORY = 5000;

/**
 * @param {Response} res
 */
async function problemOf(res) {
  /** @type {unknown} */
  const raw = await res.json().catch(() => ({}));
  const body = problemSchema.safeParse(raw);
  const detail = body.success ? (body.data.detail ?? res.statusText) : res.statusText;
  const whole = typeof raw === 'object' && raw !== null ? /** @type {Record<string, unknown>} */ (raw) : {};
  return new ApiError(res.status, detail, body.success ? body.data.code : undefined, whole);
}

/** @param {string} id */
const unitPath = (id) => `/api/v1/units/${encodeURIComponent(id)}`;

/**
 * Where the vote-count minutes of one round are (GET, HTML).
 * @param {string} id @param {string} election @param {number} round
 */
export const minutesPath = (id, election, round) =>
  `${unitPath(id)}/elections/${encodeURIComponent(election)}/rounds/${round}/minutes`;

/**
 * @param {string} token
 */
export function createApi(token) {
  /**
   * @template T
   * @param {string} path
   * @param {{ safeParse(value: unknown): { success: true, data: T } | { success: false } }} schema
   * @returns {Promise<T>}
   */
  async function get(path, schema) {
    const res = await fetch(path, {
      headers: { ...authHeaders(token), Accept: 'application/json' },
    }).catch(() => {
      throw new ApiError(0, 'network');
    });
    if (!res.ok) throw await problemOf(res);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new ShapeError(path.split('?')[0] ?? path);
    return parsed.data;
  }

  /**
   * A write: JSON or CSV body, extra headers, answer checked like a read.
   * @template T
   * @param {string} path
   * @param {{ json?: unknown, csv?: string, headers?: Record<string, string> }} body
   * @param {{ safeParse(value: unknown): { success: true, data: T } | { success: false } }} schema
   * @returns {Promise<T>}
   */
  async function post(path, body, schema) {
    const headers = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'Content-Type': body.csv === undefined ? 'application/json' : 'text/csv',
      ...body.headers,
    };
    const res = await fetch(path, {
      method: 'POST',
      headers,
      body: body.csv ?? JSON.stringify(body.json ?? {}),
    }).catch(() => {
      throw new ApiError(0, 'network');
    });
    if (!res.ok) throw await problemOf(res);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new ShapeError(path.split('?')[0] ?? path);
    return parsed.data;
  }

  return {
    /** What the caller can do now across its scope, by due time. */
    work: async () => (await get('/api/v1/me/work?limit=1000', workSchema)).items,
    /** The subtree's units at risk (the server's definition). @param {string} id */
    atRisk: async (id) => (await get(`${unitPath(id)}/at-risk?limit=1000`, atRiskSchema)).units,
    /**
     * One event, safe to resend: the same idempotency key, and If-Match on the version the form was drawn at.
     * @param {string} id @param {{ type: string, payload: Record<string, unknown>, occurredAt?: string }} event
     * @param {{ key: string, version: number }} options
     */
    send: (id, event, options) =>
      post(
        `${unitPath(id)}/events`,
        { json: event, headers: { 'Idempotency-Key': options.key, 'If-Match': `"${options.version}"` } },
        dispatchSchema,
      ),
    /** @param {unknown[]} rows */
    batch: (rows) => post('/api/v1/events:batch', { json: { rows } }, batchResultSchema),
    /** @param {string} type @param {string} csv */
    batchCsv: (type, csv) =>
      post(`/api/v1/events:batch?type=${encodeURIComponent(type)}`, { csv }, batchResultSchema),
    /** The CSV template of an event type, as text. @param {string} type */
    async template(type) {
      const res = await fetch(`/api/v1/event-templates/${encodeURIComponent(type)}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await problemOf(res);
      return res.text();
    },
    /** @param {string[]} ids */
    acknowledge: (ids) => post('/api/v1/alerts/ack', { json: { ids } }, bulkAckSchema),
    /** The token's principal and the unit it naturally starts from. */
    me: () => get('/api/v1/me', meSchema),
    /** @param {string} id */
    unit: (id) => get(unitPath(id), unitViewSchema),
    /** @param {string} id */
    progress: (id) => get(`${unitPath(id)}/progress`, progressSchema),
    /** Direct subordinates with phase, flags and overdue count (the first 1,000). @param {string} id */
    children: async (id) => (await get(`${unitPath(id)}/children?limit=1000`, childrenSchema)).children,
    /** @param {string} id @param {number} seq */
    replay: (id, seq) => get(`${unitPath(id)}/state?seq=${seq}`, replaySchema),
    /**
     * The state as of an instant, by when events occurred or when they were recorded.
     * @param {string} id @param {string} at ISO instant @param {'occurred' | 'recorded'} by
     */
    replayAt: (id, at, by) =>
      get(`${unitPath(id)}/state?at=${encodeURIComponent(at)}&by=${by}`, replaySchema),
    /** @param {string} id */
    verify: (id) => get(`${unitPath(id)}/verify`, verifySchema),
    alerts: async () => (await get('/api/v1/alerts?limit=200', alertsSchema)).alerts,
    /** Signed in with an account: the session cookie rides on plain links too (a token does not). */
    cookieSession: isSession(token),
    /**
     * The vote-count minutes of a recorded round, as the HTML page the server prints.
     * @param {string} id @param {string} election @param {number} round
     */
    async minutes(id, election, round) {
      const res = await fetch(minutesPath(id, election, round), { headers: authHeaders(token) }).catch(() => {
        throw new ApiError(0, 'network');
      });
      if (!res.ok) throw await problemOf(res);
      return res.text();
    },
    /** Every event of the unit's log, in order. @param {string} id */
    async history(id) {
      /** @type {import('./schemas.js').HistoryEntry[]} */
      const entries = [];
      /** @type {number | null} */
      let fromSeq = 1;
      while (fromSeq !== null && entries.length < MAX_HISTORY) {
        /** @type {import('./schemas.js').HistoryPage} */
        const page = await get(`${unitPath(id)}/history?fromSeq=${fromSeq}&limit=500`, historyPageSchema);
        entries.push(...page.entries);
        fromSeq = page.nextSeq;
      }
      return entries;
    },
  };
}

/** @typedef {ReturnType<typeof createApi>} Api */
