/**
 * Checks of an election payload that need the unit's context (the seats left, those present, the
 * candidates still in the running) but are still about the payload, so they answer 422 naming the
 * rule, like a schema error: a ballot count that does not add up, exclusions beyond the absent, a
 * list over the surplus cap. Whether the event fits the state is the guards' business (409).
 */
import { electionRules } from '../rules/election-rules.js';
import { checkList } from '../election/candidate-list.js';
import { citation } from '../rules/election-rule-source.js';
import type { CongressEvent } from '../events/congress-event.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext } from './congress.context.js';
import { countRound } from './election.rounds.js';

export interface PayloadIssue {
  path: string;
  message: string;
}

function listIssues(ctx: CongressContext, e: CongressEvent & { type: 'election.list_set' }): PayloadIssue[] {
  const rules = electionRules(getRuleSet(ctx.ruleSetId));
  const present = e.payload.present ?? ctx.attendance?.present;
  const { refusal } = checkList({ ...e.payload, present }, rules);
  if (!refusal) return [];
  const source = citation(rules.sources[refusal.rule]);
  return [{ path: 'payload.candidates', message: `${refusal.rule} (${source}): ${refusal.message}` }];
}

function roundIssues(ctx: CongressContext, e: CongressEvent & { type: 'election.recorded' }): PayloadIssue[] {
  const progress = ctx.elections?.[e.payload.election];
  // No list yet, or the election is not taking rounds: the guard refuses it with what to do instead.
  if (!progress || progress.status !== 'voting') return [];
  const counted = countRound(ctx, e.payload);
  if (typeof counted === 'string') return [{ path: 'payload', message: counted }];
  if (counted.ok) return [];
  const source = citation(counted.source);
  return [{ path: `payload.${counted.check}`, message: `${counted.rule} (${source}): ${counted.message}` }];
}

/** The context-dependent issues of `event`, empty when there are none or the event is not an election's. */
export function electionPayloadIssues(ctx: CongressContext, event: CongressEvent): PayloadIssue[] {
  if (event.type === 'election.list_set') return listIssues(ctx, event);
  if (event.type === 'election.recorded') return roundIssues(ctx, event);
  return [];
}
