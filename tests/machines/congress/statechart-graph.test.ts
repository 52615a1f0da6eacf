/**
 * Model-based path tests driven by `xstate/graph`: the graph library explores the machine with sample
 * events, and every shortest path it finds is then replayed through the public `applyEvent`, so the
 * statechart and the API the engine uses cannot drift apart.
 */
import { getAdjacencyMap, getShortestPaths, type AdjacencyValue } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import type { UnitInput } from '../../../machines/api.types.js';
import { toPersisted, type CongressSnapshot } from '../../../machines/congress/snapshot-codec.js';
import type { CongressEvent } from '../../../machines/events/congress-event.js';
import {
  applyEvent,
  createInitialSnapshot,
  listAllowedEvents,
  MACHINE_VERSION,
  MACHINES_BY_VERSION,
} from '../../../machines/index.js';
import { samplePayloads } from './support/sample-payloads.js';
import { buildCell, buildEvent, buildUnit, checked } from './support/unit-driver.js';

const machine = MACHINES_BY_VERSION[MACHINE_VERSION]!;
/** Reached only by units lifted from machine version 3 after their election (migrate-elections.ts). */
const MIGRATED_ONLY = ['congress.procedure.congress.resolution'];
const AT = '2020-03-02T02:00:00.000Z';

/** State value plus the parts of the context guards read, so equivalent configurations are merged. */
function serializeState(snapshot: CongressSnapshot): string {
  const {
    entered: _e,
    approvals: _a,
    openingDate: _o,
    postponement,
    irregularities: _i,
    ...rest
  } = snapshot.context;
  // Elections differ for the guards only by status and whether a round was held.
  const elections = Object.entries(rest.elections ?? {}).map(([kind, p]) => [kind, p.status, p.round > 0]);
  const coarse = Object.entries({ ...rest, elections, attendance: rest.attendance !== undefined })
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, k.endsWith('At') ? v !== undefined : v]);
  return JSON.stringify([snapshot.value, coarse, postponement !== undefined]);
}

/** The congress opens on the date it was announced for; every other event happens at AT. */
function atOf(type: string, snapshot: CongressSnapshot): string {
  const announced = snapshot.context.announcement?.openingDate;
  return type === 'congress.opened' && announced ? `${announced}T01:00:00.000Z` : AT;
}

/** Every allowed event type with each of its sample payloads. */
function sampleEvents(snapshot: CongressSnapshot): CongressEvent[] {
  const persisted = toPersisted(snapshot, MACHINE_VERSION);
  return listAllowedEvents(persisted)
    .filter((a) => a.allowed)
    .flatMap(({ type }) =>
      samplePayloads(type, snapshot.context, AT).map((payload) =>
        checked(buildEvent(type, payload, { at: atOf(type, snapshot) })),
      ),
    );
}

function traversal(input: UnitInput) {
  return {
    input: createInitialSnapshot(input).context as unknown as UnitInput,
    events: sampleEvents,
    serializeState,
    serializeEvent: (event: CongressEvent) => JSON.stringify([event.type, event.payload]),
  };
}

function stateNodeIds(): string[] {
  const ids: string[] = [];
  const visit = (node: typeof machine.root) => {
    if (node.type !== 'history') ids.push(node.id);
    Object.values(node.states).forEach(visit);
  };
  visit(machine.root);
  return ids;
}

const units: UnitInput[] = [
  buildUnit({ subordinateIds: ['cell-1', 'cell-2'] }),
  buildUnit({ unitId: 'ward-2025', subordinateIds: ['cell-9'], ruleSetId: '2025-2030' }),
  buildCell(),
  buildCell({ unitId: 'cell-12', memberCount: 12 }),
];

// Exploring and replaying every shortest path takes tens of seconds on a shared two-core machine.
describe('statechart paths (xstate/graph)', { timeout: 300_000 }, () => {
  // Branded index signatures defeat Object.entries' typing; the values are adjacency records.
  const maps = units.map(
    (input) =>
      Object.entries(getAdjacencyMap(machine, traversal(input))) as [
        string,
        AdjacencyValue<CongressSnapshot, CongressEvent>,
      ][],
  );
  const paths = units.map((input) => ({ input, paths: getShortestPaths(machine, traversal(input)) }));

  it('when the graph is explored from each kind of unit, then every state node is reached', () => {
    const reached = new Set(
      maps.flatMap((map) => map.flatMap(([, { state }]) => state._nodes.map((n) => n.id))),
    );
    expect(stateNodeIds().filter((id) => !reached.has(id) && !MIGRATED_ONLY.includes(id))).toEqual([]);
  });

  it('when each shortest path is replayed through applyEvent, then every step is accepted and ends in the same state', () => {
    for (const { input, paths: ps } of paths) {
      for (const path of ps) {
        let snapshot = createInitialSnapshot(input);
        path.steps.slice(1).forEach((step, i) => {
          const outcome = applyEvent(snapshot, { ...step.event, seq: i + 1 });
          if (!outcome.ok)
            throw new Error(`${input.unitId}: step ${i + 1} ${step.event.type}: ${outcome.message}`);
          snapshot = outcome.snapshot;
        });
        expect(snapshot.value).toEqual(path.state.value);
      }
    }
    // Replays thousands of paths: correctness only (speed is in bench/), so a slow shared machine may take minutes.
  }, 300_000);

  it('when any explored configuration is not final, then the adjacency map leads from it to a final one', () => {
    units.forEach((input, u) => {
      const map = maps[u]!;
      const edges = map.map(
        ([key, { transitions }]) =>
          [key, Object.values(transitions).map((t) => serializeState(t.state))] as const,
      );
      const finished = new Set(map.filter(([, v]) => v.state.status === 'done').map(([k]) => k));
      let grew = true;
      while (grew) {
        grew = false;
        for (const [key, next] of edges) {
          if (!finished.has(key) && next.some((k) => finished.has(k))) {
            finished.add(key);
            grew = true;
          }
        }
      }
      const deadEnds = map.map(([k]) => k).filter((k) => !finished.has(k));
      expect({ unit: input.unitId, deadEnds: deadEnds.slice(0, 2) }).toEqual({
        unit: input.unitId,
        deadEnds: [],
      });
      expect(finished.size).toBeGreaterThan(0);
    });
  });
});
