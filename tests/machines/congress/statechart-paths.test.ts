import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot, UnitInput } from '../../../machines/api.types.js';
import type { CongressContext } from '../../../machines/congress/congress.context.js';
import { fromPersisted } from '../../../machines/congress/snapshot-codec.js';
import {
  applyEvent,
  createInitialSnapshot,
  listAllowedEvents,
  MACHINES_BY_VERSION,
} from '../../../machines/index.js';
import { samplePayloads } from './support/sample-payloads.js';
import { buildCell, buildEvent, buildUnit } from './support/unit-driver.js';

const machine = MACHINES_BY_VERSION[1]!;
const AT = '2020-03-02T02:00:00.000Z';

/** Context reduced to what guards read, so equivalent configurations are explored once. */
function keyOf(snapshot: PersistedCongressSnapshot): string {
  const context = snapshot.context as unknown as CongressContext;
  const { entered: _e, approvals: _a, openingDate: _o, postponement, ...rest } = context;
  const coarse = Object.keys(rest)
    .sort()
    .map((k) => [
      k,
      k.endsWith('At') ? rest[k as keyof typeof rest] !== undefined : rest[k as keyof typeof rest],
    ]);
  return JSON.stringify([snapshot.value, coarse, postponement !== undefined]);
}

interface Graph {
  snapshots: Map<string, PersistedCongressSnapshot>;
  edges: Map<string, Set<string>>;
}

/** Breadth-first exploration: every allowed event with every sample payload, from every configuration. */
function explore(inputs: UnitInput[]): Graph {
  const graph: Graph = { snapshots: new Map(), edges: new Map() };
  const queue = inputs.map((input) => createInitialSnapshot(input));
  for (const s of queue) graph.snapshots.set(keyOf(s), s);
  while (queue.length > 0) {
    const snapshot = queue.shift()!;
    const from = keyOf(snapshot);
    const out = new Set<string>();
    graph.edges.set(from, out);
    for (const { type } of listAllowedEvents(snapshot).filter((a) => a.allowed)) {
      for (const payload of samplePayloads(type, snapshot.context as unknown as CongressContext, AT)) {
        const outcome = applyEvent(snapshot, buildEvent(type, payload, { at: AT }));
        if (!outcome.ok) continue;
        const to = keyOf(outcome.snapshot);
        out.add(to);
        if (!graph.snapshots.has(to)) {
          graph.snapshots.set(to, outcome.snapshot);
          queue.push(outcome.snapshot);
        }
      }
    }
  }
  return graph;
}

function allStateNodeIds(): string[] {
  const ids: string[] = [];
  const visit = (node: typeof machine.root) => {
    if (node.type !== 'history') ids.push(node.id);
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root);
  return ids.sort();
}

function activeNodeIds(snapshot: PersistedCongressSnapshot): string[] {
  return fromPersisted(machine, snapshot)._nodes.map((n) => n.id);
}

/** Configurations from which a completed configuration can be reached (reverse reachability). */
function canFinish(graph: Graph): Set<string> {
  const good = new Set([...graph.snapshots].filter(([, s]) => s.status === 'done').map(([k]) => k));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [from, tos] of graph.edges) {
      if (!good.has(from) && [...tos].some((to) => good.has(to))) {
        good.add(from);
        grew = true;
      }
    }
  }
  return good;
}

const units = [
  buildUnit({ subordinateIds: ['cell-1', 'cell-2'] }),
  buildUnit({ unitId: 'ward-2025', subordinateIds: ['cell-9'], ruleSetId: '2025-2030' }),
  buildCell(),
  buildCell({ unitId: 'cell-12', memberCount: 12 }),
];

describe('statechart paths', () => {
  const graph = explore(units);

  it('when every allowed event is tried from every configuration, then every state node is reached', () => {
    const reached = new Set([...graph.snapshots.values()].flatMap(activeNodeIds));
    expect(allStateNodeIds().filter((id) => !reached.has(id))).toEqual([]);
  });

  it('when any reachable configuration is not final, then a completed configuration is still reachable from it', () => {
    const good = canFinish(graph);
    const deadEnds = [...graph.snapshots.keys()].filter((k) => !good.has(k));
    expect(deadEnds.slice(0, 3)).toEqual([]);
    expect(graph.snapshots.size).toBeGreaterThan(100);
  });
});
