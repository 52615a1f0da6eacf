/**
 * Version 2 → 3: convening and the superior's review moved into the parallel preparation phase, and a
 * pilot's archive no longer waits for its lessons. A version-2 unit keeps every step it has done: in
 * review, its documents and personnel are settled and convening has not begun; in convening, the review
 * is approved and a date the superior approved now awaits its announcement.
 */
import type { PersistedCongressSnapshot } from '../../api.types.js';
import type { CongressContext } from '../congress.context.js';
import { gateStatus } from '../gate.js';

type Value = string | { [key: string]: Value };

const PREFIX = 'congress';

function preparation(
  ctx: CongressContext,
  review: string,
  convening: string,
  rest: Record<string, Value> = {},
) {
  const subordinates = gateStatus(ctx).met ? 'met' : 'waiting';
  return {
    preparation: { documents: 'final', personnel: 'approved', review, convening, subordinates, ...rest },
  };
}

/** The version-3 value of the `procedure` part of a version-2 value. */
function liftProcedure(procedure: Value, ctx: CongressContext): Value {
  if (typeof procedure === 'string') return procedure === 'lessons' ? 'archive' : procedure;
  const [step, inner] = Object.entries(procedure)[0] ?? [];
  if (step === 'preparation' && typeof inner === 'object') {
    return { preparation: { ...inner, review: 'idle', convening: 'proposing' } };
  }
  if (step === 'review' && typeof inner === 'string') return preparation(ctx, inner, 'proposing');
  if (step === 'convening' && typeof inner === 'string') {
    return preparation(ctx, 'approved', inner === 'convened' ? 'agreed' : inner);
  }
  return procedure;
}

export function liftValue(value: Value, ctx: CongressContext): Value {
  if (typeof value === 'string') return value;
  const procedure = value.procedure;
  return procedure === undefined ? value : { procedure: liftProcedure(procedure, ctx) };
}

/** State node ids of the leaves of `value` ("congress.procedure.plan.submitted"). */
function leafIds(value: Value, path: string): string[] {
  if (typeof value === 'string') return [`${path}.${value}`];
  return Object.entries(value).flatMap(([key, child]) => leafIds(child, `${path}.${key}`));
}

/** The value the stored leaf ids of a deep history stand for. */
function valueOfIds(ids: string[]): Value {
  const root: { [key: string]: Value } = {};
  for (const id of ids) {
    const parts = id.split('.').slice(1);
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = node[part] ?? part;
      else {
        const child = node[part];
        const next: { [key: string]: Value } = typeof child === 'object' ? child : {};
        node[part] = next;
        node = next;
      }
    });
  }
  return collapse(root);
}

/** `{ a: { b: 'b' } }` → `{ a: 'b' }`: a leaf written as its own name becomes the parent's value. */
function collapse(node: Value): Value {
  if (typeof node === 'string') return node;
  const entries = Object.entries(node).map(([key, child]) => [key, collapse(child)] as const);
  const only = entries.length === 1 ? entries[0] : undefined;
  if (only && only[0] === only[1]) return only[0];
  return Object.fromEntries(entries);
}

export function migrateV2(snapshot: PersistedCongressSnapshot): PersistedCongressSnapshot {
  const ctx = snapshot.context as unknown as CongressContext & { resume?: string[] };
  const value = liftValue(snapshot.value as Value, ctx);
  const resume = ctx.resume && leafIds(liftValue(valueOfIds(ctx.resume), ctx), PREFIX);
  return {
    ...snapshot,
    machineVersion: 3,
    value,
    context: resume ? { ...snapshot.context, resume } : snapshot.context,
  };
}
