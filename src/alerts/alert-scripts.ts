/**
 * The alert store's Lua scripts (src/store/lua/record-alert*.lua; see script-definitions.ts for how
 * they reach a client), called only through the typed wrappers below.
 */
import type { Redis } from 'ioredis';
import { withDefinedScripts } from '../store/script-definitions.js';
import type { AlertKeys } from './alert-keys.js';

interface AlertScriptCommands {
  congressRecordAlert(numKeys: number, ...keysAndArgs: string[]): Promise<number>;
  congressAckAlert(...keysAndArgs: string[]): Promise<number>;
}

const ALERT_SCRIPTS = ['congressRecordAlert', 'congressAckAlert'] as const;

function withAlertScripts(redis: Redis): Redis & AlertScriptCommands {
  return withDefinedScripts<AlertScriptCommands>(redis, ALERT_SCRIPTS);
}

export interface RecordAlertInput {
  id: string;
  json: string;
  score: number;
  /** Key of the subject index: the unit's alert list, or the digest index. */
  indexKey: string;
  teams: readonly string[];
}

/**
 * Entries the live stream keeps (approximately): a client reconnecting within that many alerts gets
 * what it missed; one further behind is told to reload its feed.
 */
export const LIVE_LOG_LENGTH = 10_000;

/** Keys then arguments of record-alert.lua, in header order. */
export function recordAlertArgs(
  keys: AlertKeys,
  input: RecordAlertInput,
): { keys: string[]; args: string[] } {
  return {
    keys: [
      keys.alert(input.id),
      keys.teams(),
      input.indexKey,
      keys.liveLog(),
      ...input.teams.map((t) => keys.openFeed(t)),
    ],
    args: [
      input.id,
      input.json,
      String(input.score),
      keys.liveChannel(),
      String(LIVE_LOG_LENGTH),
      ...input.teams,
    ],
  };
}

/** Writes the alert once; true when it was new, false when the id already existed. */
export async function recordAlertScript(
  redis: Redis,
  keys: AlertKeys,
  input: RecordAlertInput,
): Promise<boolean> {
  const { keys: k, args } = recordAlertArgs(keys, input);
  const created = await withAlertScripts(redis).congressRecordAlert(k.length, ...k, ...args);
  return created === 1;
}

/** Outcome of an acknowledgement, mapped from the script's return code. */
export type AckOutcome = 'acknowledged' | 'already_acknowledged' | 'not_in_feed';

/** Acknowledges `alertId` for `team`; see record-alert-ack-3.lua. */
export async function ackAlertScript(
  redis: Redis,
  keys: AlertKeys,
  team: string,
  alertId: string,
  ackJson: string,
): Promise<AckOutcome> {
  const code = await withAlertScripts(redis).congressAckAlert(
    keys.openFeed(team),
    keys.ackedFeed(team),
    keys.acks(team),
    alertId,
    ackJson,
  );
  if (code === 1) return 'acknowledged';
  if (code === 0) return 'already_acknowledged';
  return 'not_in_feed';
}
