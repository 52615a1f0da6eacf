/**
 * Converts between XState snapshots and the persisted JSON form. Only value and context are kept;
 * the deep-history memory is kept (inside the context, as state node ids) only while the unit is
 * postponed, because that is the only time it is read.
 */
import { z } from 'zod';
import type { PersistedCongressSnapshot } from '../api.types.js';
import { type CongressContext, withContextShape } from './congress.context.js';
import type { CongressMachine } from './congress.machine.js';

export type CongressSnapshot = ReturnType<CongressMachine['resolveState']>;

const HISTORY_NODE = 'congress.procedure.history';

/** Shape check for snapshots read back from storage. */
export const persistedSnapshotSchema = z.object({
  machineVersion: z.number().int().positive(),
  status: z.enum(['active', 'done']),
  value: z.union([z.string(), z.record(z.string(), z.unknown())]),
  context: z.record(z.string(), z.unknown()),
});

/** A context as persisted: the machine context plus, while postponed, where to resume. */
type StoredContext = CongressContext & { resume?: string[] };

/**
 * The machine snapshot each persisted object was made from, by object identity: when the engine
 * keeps the object it just wrote, the next event on that unit starts from the machine snapshot
 * instead of resolving the state again. A parsed copy is a different object and is resolved as usual.
 */
const madeFrom = new WeakMap<PersistedCongressSnapshot, CongressSnapshot>();

export function toPersisted(snapshot: CongressSnapshot, machineVersion: number): PersistedCongressSnapshot {
  const resume = snapshot.value === 'postponed' ? snapshot.historyValue[HISTORY_NODE] : undefined;
  const context: StoredContext = resume
    ? { ...snapshot.context, resume: resume.map((n) => n.id) }
    : snapshot.context;
  const persisted: PersistedCongressSnapshot = {
    machineVersion,
    status: snapshot.status === 'done' ? 'done' : 'active',
    value: snapshot.value,
    context: context as unknown as Record<string, unknown>,
  };
  madeFrom.set(persisted, snapshot);
  return persisted;
}

export function fromPersisted(
  machine: CongressMachine,
  persisted: PersistedCongressSnapshot,
): CongressSnapshot {
  const known = madeFrom.get(persisted);
  if (known?.machine === machine) return known;
  const { resume, ...stored } = persisted.context as unknown as StoredContext;
  const context = withContextShape(stored);
  const value = persisted.value as Parameters<CongressMachine['resolveState']>[0]['value'];
  if (!resume) return machine.resolveState({ value, context });
  const historyValue = { [HISTORY_NODE]: resume.map((id) => machine.getStateNodeById(id)) };
  return machine.resolveState({ value, context, historyValue });
}
