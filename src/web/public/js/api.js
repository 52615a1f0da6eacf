/* global fetch */
/**
 * The dashboard's client of /api/v1: bearer token on every call, answers checked against schemas.js,
 * failures turned into ApiError carrying the problem+json detail.
 */
import {
  alertsSchema,
  childrenSchema,
  historyPageSchema,
  meSchema,
  problemSchema,
  progressSchema,
  replaySchema,
  unitViewSchema,
  verifySchema,
} from './schemas.js';
import { authHeaders } from './auth-headers.js';

/** A failed call: HTTP status (0 when the server could not be reached) and the server's detail. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} detail
   * @param {string} [code]
   */
  constructor(status, detail, code) {
    super(detail);
    this.status = status;
    this.code = code;
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
  const body = problemSchema.safeParse(await res.json().catch(() => ({})));
  const detail = body.success ? (body.data.detail ?? res.statusText) : res.statusText;
  return new ApiError(res.status, detail, body.success ? body.data.code : undefined);
}

/** @param {string} id */
const unitPath = (id) => `/api/v1/units/${encodeURIComponent(id)}`;

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

  return {
    /** The token's principal and the unit it naturally starts from. */
    me: () => get('/api/v1/me', meSchema),
    /** @param {string} id */
    unit: (id) => get(unitPath(id), unitViewSchema),
    /** @param {string} id */
    progress: (id) => get(`${unitPath(id)}/progress`, progressSchema),
    /** Every direct subordinate with its phase, flags and overdue count, in one request. @param {string} id */
    children: async (id) => (await get(`${unitPath(id)}/children`, childrenSchema)).children,
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
