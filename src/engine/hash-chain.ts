/**
 * The hash chain of a unit's log: `hash = sha256(prevHash + canonicalJson(record without hash))`,
 * canonical JSON per RFC 8785 (sorted keys, no whitespace). The first event's prevHash is the
 * genesis hash `sha256(canonicalJson(unitInput))`, so the unit's creation input is chained too.
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { UnitInput } from '../../machines/api.types.js';
import type { RecordV2, StoredRecord } from '../store/index.js';

/** RFC 8785 canonical JSON of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

/**
 * Lower-case hex SHA-256 of a UTF-8 string. The one-shot `crypto.hash` skips the Hash object that
 * `createHash().update().digest()` builds, which is most of the cost for inputs this small.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** prevHash of a unit's first event. */
export function genesisHash(input: UnitInput): string {
  return sha256Hex(canonicalJson(input));
}

/** The hash a record must carry given its predecessor's hash (either record form). */
export function recordHash(record: Omit<StoredRecord, 'hash'>): string {
  return sha256Hex(record.prevHash + canonicalJson(record));
}

/** A record with its hash, and the canonical JSON that was hashed after prevHash (what the log stores). */
export interface SealedRecord {
  record: RecordV2;
  canonical: string;
}

/** Any UTF-16 surrogate: such strings take the library's path, which refuses lone ones. */
const SURROGATE = /[\uD800-\uDFFF]/;

const plain = (text: unknown): boolean => typeof text === 'string' && !SURROGATE.test(text);

/** The JSON text of a plain string (no surrogates), which RFC 8785 writes exactly as JSON.stringify. */
const str = JSON.stringify;

const RECORD_KEYS = 11;
const ACTOR_KEYS = 4;

/** Whether `record` has exactly the shape the direct path writes (else the library decides). */
function isDirect(record: Omit<RecordV2, 'hash'>): boolean {
  const { actor, childOccurredAt: child, payload } = record;
  const assignment = actor.assignmentId;
  return (
    Object.keys(record).length === RECORD_KEYS - (child === undefined ? 1 : 0) &&
    Object.keys(actor).length === ACTOR_KEYS + (assignment === undefined ? 0 : 1) &&
    Number.isSafeInteger(record.seq) &&
    Number.isSafeInteger(record.machineVersion) &&
    typeof record.late === 'boolean' &&
    typeof record.backfilled === 'boolean' &&
    typeof payload === 'object' &&
    payload !== null &&
    [actor.kind, actor.principalId, actor.role, actor.scope, record.occurredAt, record.recordedAt].every(
      plain,
    ) &&
    [record.prevHash, record.type].every(plain) &&
    (child === undefined || plain(child)) &&
    (assignment === undefined || plain(assignment))
  );
}

/**
 * `canonicalJson(record)` for the shape every append seals, with the fixed envelope written in its
 * sorted key order and only the payload (free-form) going through the library. On the append path
 * the library's generic walk cost about as much as the SHA-256 and a sixth of the allocation per
 * event. Any other shape, or a string with a surrogate, takes the library's path; a property test
 * holds the two equal.
 */
export function canonicalRecordJson(record: Omit<RecordV2, 'hash'>): string {
  if (!isDirect(record)) return canonicalJson(record);
  const { actor, childOccurredAt: child } = record;
  const assignment = actor.assignmentId === undefined ? '' : `"assignmentId":${str(actor.assignmentId)},`;
  return (
    `{"actor":{${assignment}"kind":${str(actor.kind)},"principalId":${str(actor.principalId)}` +
    `,"role":${str(actor.role)},"scope":${str(actor.scope)}},"backfilled":${record.backfilled}` +
    (child === undefined ? '' : `,"childOccurredAt":${str(child)}`) +
    `,"late":${record.late},"machineVersion":${record.machineVersion},"occurredAt":${str(record.occurredAt)}` +
    `,"payload":${canonicalJson(record.payload)},"prevHash":${str(record.prevHash)}` +
    `,"recordedAt":${str(record.recordedAt)},"seq":${record.seq},"type":${str(record.type)}}`
  );
}

/** The record with its hash added, canonicalised once for both the hash and the log. */
export function sealRecord(record: Omit<RecordV2, 'hash'>): SealedRecord {
  const canonical = canonicalRecordJson(record);
  return { record: { ...record, hash: sha256Hex(record.prevHash + canonical) }, canonical };
}

/** Hash of what a caller asked for, to tell a retried request from a different one under the same key. */
export function requestBodyHash(event: {
  type: string;
  payload: Record<string, unknown>;
  at?: string;
}): string {
  // `at` is the request's occurredAt; the key name is kept so retries hash as they did before.
  return sha256Hex(canonicalJson({ type: event.type, payload: event.payload, at: event.at ?? null }));
}
