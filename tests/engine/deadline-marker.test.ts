/**
 * The `'='` deadline marker: an append whose open deadline set equals the one it was planned from
 * sends `'='` instead of the set, and append-event.lua keeps the stored set. That is sound only
 * because the script appends on the version the plan started from, so the stored set is the compared one.
 */
import type { Command } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calendarFor } from '../../machines/calendar/calendar-for.js';
import { deadlinesFor } from '../../machines/index.js';
import { getRuleSet } from '../../machines/rules/index.js';
import type { DeadlineScheduler } from '../../src/deadlines/scheduler.port.js';
import { buildDistrict, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const CELL = 'district-b0-c0';
const flag = { type: 'unit.flagged_difficult', payload: { reason: 'complaints' } };
const clear = { type: 'unit.difficulty_cleared', payload: { reason: 'resolved' } };
const submitPlan = { type: 'plan.submitted', payload: { reference: 'KH-01' } };
const committee = () => principals.committeeOf('district');

describe("dispatch sends '=' for an unchanged deadline set", () => {
  let f: EngineFixture;
  const synced: string[] = [];
  const scheduler: DeadlineScheduler = {
    sync: (unitId) => {
      synced.push(unitId);
      return Promise.resolve();
    },
  };
  const storedDeadlines = () => f.redis.get(`${f.prefix}:{${CELL}}:deadlines`);

  /** Arguments of the script calls `run` makes on the fixture's connection. */
  async function scriptArgs(run: () => Promise<unknown>): Promise<string[][]> {
    const calls: string[][] = [];
    const original = f.redis.sendCommand.bind(f.redis);
    const spy = vi.spyOn(f.redis, 'sendCommand').mockImplementation((command: Command) => {
      if (command.name === 'evalsha' || command.name === 'eval') calls.push(command.args.map(String));
      return original(command);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return calls;
  }

  beforeEach(async () => {
    synced.length = 0;
    f = await openEngineFixture('marker', { scheduler });
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 1 }));
  });
  afterEach(async () => f.cleanup());

  it("when an event leaves the open deadlines as they were, then the append sends '=', the stored set stays and the scheduler is not called", async () => {
    await f.engine.dispatch(CELL, flag, committee());
    const before = await storedDeadlines();
    synced.length = 0;

    const calls = await scriptArgs(() => f.engine.dispatch(CELL, clear, committee()));

    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('=');
    expect(await storedDeadlines()).toBe(before);
    expect(synced).toEqual([]);
  });

  it("when an event changes the open deadlines, then the append sends the new set, not '='", async () => {
    synced.length = 0;
    const calls = await scriptArgs(() => f.engine.dispatch(CELL, submitPlan, principals.secretaryOf(CELL)));

    expect(calls).toHaveLength(1);
    expect(calls[0]).not.toContain('=');
    expect(calls[0]).toContain(await storedDeadlines());
    expect(synced).toEqual([CELL]);
  });

  it("when another replica changed the deadlines since this engine's last write, then the stored set is the one of the current state", async () => {
    await f.engine.dispatch(CELL, flag, committee());
    await f.replica().dispatch(CELL, submitPlan, principals.secretaryOf(CELL));
    const afterReplica = await storedDeadlines();

    await f.engine.dispatch(CELL, clear, committee());

    const view = await f.engine.getUnit(CELL, principals.admin);
    const rules = getRuleSet('2020-2025');
    expect(view.version).toBe(3);
    expect(await storedDeadlines()).toBe(afterReplica);
    expect(view.deadlines).toEqual(deadlinesFor(view.snapshot, rules, calendarFor(rules)));
    expect(view.deadlines.map((d) => d.kind)).toContain('plan.approval');
  });
});
