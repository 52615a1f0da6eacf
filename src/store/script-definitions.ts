/**
 * Every Lua script of src/store/lua, under the command name it is defined with on a client.
 *
 * A client that pipelines automatically must get them when it is built (ioredis's `scripts` option,
 * see `clientOptions`): ioredis copies a client's scripts into an auto-pipeline when the pipeline is
 * created, so a command defined later in the same tick as another command lands in a pipeline that
 * lacks it, and ioredis throws outside any promise ("pipeline[functionName] is not a function"),
 * which ends the process.
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

function lua(file: string): string {
  return readFileSync(new URL(`./lua/${file}`, import.meta.url), 'utf8');
}

export const scriptDefinitions = {
  appendEvent: { lua: lua('append-event.lua') },
  appendOrgRecords: { lua: lua('append-org-records-2.lua'), numberOfKeys: 2 },
  markOverdue: { lua: lua('mark-overdue.lua') },
  congressRecordAlert: { lua: lua('record-alert.lua') },
  congressAckAlert: { lua: lua('record-alert-ack-3.lua'), numberOfKeys: 3 },
} as const;

export type ScriptName = keyof typeof scriptDefinitions;

/** Thrown when a script would be defined late on a client that pipelines automatically. */
export class ScriptsNotDefinedError extends Error {
  override name = 'ScriptsNotDefinedError';
}

/**
 * `redis` typed with the scripts' commands. A client built without them (tests, tools) gets them
 * defined now; one that pipelines automatically is refused, since defining now is the race above.
 */
export function withDefinedScripts<Commands>(redis: Redis, names: readonly ScriptName[]): Redis & Commands {
  for (const name of names) {
    if (typeof (redis as unknown as Record<string, unknown>)[name] === 'function') continue;
    if (redis.options.enableAutoPipelining === true)
      throw new ScriptsNotDefinedError(
        `Redis client pipelines automatically but was built without the "${name}" script; build it with clientOptions (src/redis/probe.ts)`,
      );
    redis.defineCommand(name, scriptDefinitions[name]);
  }
  return redis as Redis & Commands;
}
