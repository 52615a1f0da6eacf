/**
 * The hash chain of a unit's log: `hash = sha256(prevHash + canonicalJson(record without hash))`,
 * canonical JSON per RFC 8785 (sorted keys, no whitespace). The first event's prevHash is the
 * genesis hash `sha256(canonicalJson(unitInput))`, so the unit's creation input is chained too.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { UnitInput } from '../../machines/api.types.js';
import type { HistoryEntry } from './engine.types.js';

/** RFC 8785 canonical JSON of a JSON value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON representation');
  return text;
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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

/** The record with its hash added, canonicalised once for both the hash and the log. */
export function sealRecord(record: Omit<HistoryEntry, 'hash'>): SealedRecord {
  const canonical = canonicalJson(record);
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
