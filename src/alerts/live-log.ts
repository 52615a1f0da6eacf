/** One entry of the live alert stream (record-alert.lua writes fields `id` and `a`). */
export interface LiveEntry {
  /** Redis stream entry id, `<ms>-<seq>`: the order alerts were recorded in. */
  streamId: string;
  alertId: string;
  /** The alert record, parsed from JSON but not yet validated. */
  alert: unknown;
}

type RawEntry = [id: string, fields: string[]];

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Stream entries as XRANGE/XREAD return them → LiveEntry; entries without an alert id are skipped. */
export function parseEntries(raw: readonly RawEntry[]): LiveEntry[] {
  const entries: LiveEntry[] = [];
  for (const [streamId, fields] of raw) {
    const alertId = fieldOf(fields, 'id');
    if (alertId !== undefined) entries.push({ streamId, alertId, alert: parseJson(fieldOf(fields, 'a')) });
  }
  return entries;
}

/** Orders two stream entry ids (`<ms>-<seq>`) numerically: negative, zero or positive. */
export function compareEntryIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}
