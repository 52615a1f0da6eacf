/**
 * The engine's resolved dependencies, built once by `createEngine` and passed to every use case.
 */
import { pino } from 'pino';
import { calendarFor } from '../../machines/calendar/calendar-for.js';
import type { WorkingDayCalendar } from '../../machines/calendar/calendar.js';
import { getRuleSet, registerRuleSets } from '../../machines/rules/index.js';
import type { RuleSet } from '../../machines/rules/rule-set.js';
import type { DeadlineScheduler } from '../deadlines/scheduler.port.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createKeySpace, type KeySpace, type RedisClient } from '../store/index.js';
import { createEngineMetrics, type EngineMetrics } from './engine-metrics.js';
import { createKnownUnits, type KnownUnits } from './known-units.js';
import { createUnitLocks, type UnitLocks } from './unit-lock.js';

/** The slice of a pino logger the engine uses. */
export interface EngineLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What `createEngine` takes. Only `redis` is required. */
export interface EngineDeps {
  redis: RedisClient;
  /** Key namespace; default `cg`. */
  prefix?: string;
  clock?: Clock;
  /** Told the previous and next deadline sets after every append; failures are logged, not thrown. */
  scheduler?: DeadlineScheduler;
  /** Replaces every term's calendar; default: each rule set's own (`calendarFor`). */
  calendar?: WorkingDayCalendar;
  /** Deployment rule sets, registered beside the built-in terms (ids are immutable). */
  ruleSets?: Record<string, RuleSet>;
  logger?: EngineLogger;
  /** Where guard errors are counted; default: a fresh registry nobody scrapes. */
  metrics?: EngineMetrics;
  /** How long an idempotency key remembers its result; default 24 h. */
  idempotencyTtlSeconds?: number;
  /** Re-reads after losing a compare-and-set when the caller gave no expected version; default 20. */
  maxRetries?: number;
}

/** Dependencies with defaults applied. */
export interface EngineContext {
  redis: RedisClient;
  keys: KeySpace;
  clock: Clock;
  scheduler: DeadlineScheduler | undefined;
  /** The working-day calendar of a term. */
  calendarOf(rules: RuleSet): WorkingDayCalendar;
  ruleSet(id: string): RuleSet;
  logger: EngineLogger;
  metrics: EngineMetrics;
  idempotencyTtlSeconds: number;
  maxRetries: number;
  locks: UnitLocks;
  /** What this engine last wrote to each unit, planned from without a read (see known-units.ts). */
  known: KnownUnits;
}

const DAY_SECONDS = 24 * 60 * 60;

/** Applies defaults. */
export function createContext(deps: EngineDeps): EngineContext {
  // The machine's guards read rule sets by id, so deployment rule sets join the shared registry.
  if (deps.ruleSets) registerRuleSets(Object.values(deps.ruleSets));
  const calendar = deps.calendar;
  return {
    redis: deps.redis,
    keys: createKeySpace(deps.prefix),
    clock: deps.clock ?? systemClock,
    scheduler: deps.scheduler,
    calendarOf: calendar ? () => calendar : calendarFor,
    ruleSet: getRuleSet,
    logger: deps.logger ?? pino({ name: 'engine', level: 'warn' }),
    metrics: deps.metrics ?? createEngineMetrics(),
    idempotencyTtlSeconds: deps.idempotencyTtlSeconds ?? DAY_SECONDS,
    maxRetries: deps.maxRetries ?? 20,
    locks: createUnitLocks(),
    known: createKnownUnits(),
  };
}
