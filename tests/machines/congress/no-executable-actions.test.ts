/**
 * The engine derives every effect of an event from the difference between the contexts before and
 * after it (`applyEvent`'s `effectsOf`), and runs transitions with an inert actor scope that drops
 * any action handed to it. That holds only while the machine's actions are all `assign`s, which
 * XState applies inside the transition; this suite is what keeps it so.
 */
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { congressMachine } from '../../../machines/congress/congress.machine.js';
import { EVENT_TYPES } from '../../../machines/events/event-catalogue.js';
import { createInitialSnapshot, MACHINE_VERSION } from '../../../machines/index.js';
import { toPersisted } from '../../../machines/congress/snapshot-codec.js';
import { representativePaths } from './support/representative-paths.js';
import { buildUnit, checked } from './support/unit-driver.js';

const paths = representativePaths();

describe("XState's pure transition() on representative paths", () => {
  it('when the representative paths are driven, then together they accept every catalogue event type', () => {
    const sent = new Set(paths.flatMap((path) => path.events.map((event) => event.type)));
    expect([...EVENT_TYPES].filter((type) => !sent.has(type))).toEqual([]);
  });

  it.each(paths.map((path) => [path.name, path] as const))(
    'when %s is taken with transition(), then no step returns an executable action',
    (_, path) => {
      const [start, initialActions] = initialTransition(congressMachine, path.input);
      expect(initialActions).toEqual([]);
      let state = start;
      for (const event of path.events) {
        const [next, actions] = transition(congressMachine, state, checked(event));
        expect({ type: event.type, actions }).toEqual({ type: event.type, actions: [] });
        expect(next, `${event.type} was not taken`).not.toBe(state);
        state = next;
      }
      expect(state.status).toBe('done');
    },
  );

  it('when the state tree is walked, then no state node invokes an actor', () => {
    const invoking: string[] = [];
    const visit = (node: typeof congressMachine.root) => {
      if (node.invoke.length > 0) invoking.push(node.id);
      Object.values(node.states).forEach(visit);
    };
    visit(congressMachine.root);
    expect(invoking).toEqual([]);
  });

  it('when an action is not an assign, then transition() returns it: the check above can fail', () => {
    const custom = congressMachine.provide({ actions: { stamp: () => undefined } });
    const [, actions] = initialTransition(custom, buildUnit());
    expect(actions.map((action) => action.type)).toContain('stamp');
  });

  it('when the initial state is computed by transition() or by the engine, then both agree', () => {
    const [start] = initialTransition(congressMachine, buildUnit());
    expect(toPersisted(start, MACHINE_VERSION)).toEqual(createInitialSnapshot(buildUnit()));
  });
});
