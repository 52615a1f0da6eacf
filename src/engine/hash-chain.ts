/**
 * The hash chain of a unit's log: `hash = sha256(prevHash + canonicalJson(record without hash))`,
 * canonical JSON per RFC 8785 (sorted keys, no whitespace). The first event's prevHash is the
 * genesis hash `sha256(canonicalJson(unitInput))`, so the unit's creation input is chained too.
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { UnitInput } from '../../machines/api.types.js';
import type { HistoryEntry } from '../domain/index.js';

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

/** The hash a record must carry given its predecessor's hash. */
export function recordHash(record: Omit<HistoryEntry, 'hash'>): string {
  return sha256Hex(record.prevHash + canonicalJson(record));
}

/** A record with its hash, and the canonical JSON that was hashed after prevHash (what the log stores). */
export interface SealedRecord {
  record: HistoryEntry;
  canonical: string;
}

/** Any UTF-16 surrogate: such strings take the library's path, which refuses lone ones. */
const SURROGATE = /[\uD800-\uDFFF]/;

const plain = (text: string): boolean => !SURROGATE.test(text);

/** The JSON text of a plain string (no surrogates), which RFC 8785 writes exactly as JSON.stringify. */
const str = JSON.stringify;

/**
 * `canonicalJson(record)` for the shape every append seals, with the fixed envelope written in its
 * sorted key order and only the payload (free-form) going through the library. On the append path
 * the library's generic walk cost about as much as the SHA-256 and a sixth of the allocation per
 * event. Any other shape, or a string with a surrogate, takes the library's path; a property test
 * holds the two equal.
 */
export function canonicalRecordJson(record: Omit<HistoryEntry, 'hash'>): string {
  const { actor, at, machineVersion, payload, prevHash, seq, type } = record;
  const { principalId } = actor;
  const texts = [
    actor.id,
    actor.role,
    at,
    prevHash,
    type,
    ...(principalId === undefined ? [] : [principalId]),
  ];
  const simple =
    Object.keys(record).length === 7 &&
    Object.keys(actor).length === (principalId === undefined ? 2 : 3) &&
    Number.isSafeInteger(seq) &&
    Number.isSafeInteger(machineVersion) &&
    typeof payload === 'object' &&
    payload !== null &&
    texts.every((text) => typeof text === 'string' && plain(text));
  if (!simple) return canonicalJson(record);
  const principal = principalId === undefined ? '' : `,"principalId":${str(principalId)}`;
  return (
    `{"actor":{"id":${str(actor.id)}${principal},"role":${str(actor.role)}},"at":${str(at)}` +
    `,"machineVersion":${machineVersion},"payload":${canonicalJson(payload)},"prevHash":${str(prevHash)}` +
    `,"seq":${seq},"type":${str(type)}}`
  );
}

/** The record with its hash added, canonicalised once for both the hash and the log. */
export function sealRecord(record: Omit<HistoryEntry, 'hash'>): SealedRecord {
  const canonical = canonicalRecordJson(record);
  return { record: { ...record, hash: sha256Hex(record.prevHash + canonical) }, canonical };
}

/** Hash of what a caller asked for, to tell a retried request from a different one under the same key. */
export function requestBodyHash(event: {
  type: string;
  payload: Record<string, unknown>;
  at?: string;
}): string {
  return sha256Hex(canonicalJson({ type: event.type, payload: event.payload, at: event.at ?? null }));
}
