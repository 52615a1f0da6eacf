/**
 * The counting committee's tool: evaluate a round without recording it. The request is what the
 * committee has on paper; the answer says who is elected, each threshold, and the rules applied with
 * their sources. Pure: used by `POST /api/v1/elections/evaluate` and `congress election evaluate`.
 */
import { electionRules } from '../rules/election-rules.js';
import { z } from 'zod';
import { getRuleSet } from '../rules/index.js';
import { CONGRESS_KINDS, ELECTION_KINDS } from '../rules/election-kinds.js';
import { EXCLUSION_CATEGORIES } from './exclusions.js';
import { evaluateRound, type RoundResult } from './round.js';
import { citation } from '../rules/election-rule-source.js';

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

export const evaluateRequestSchema = z
  .strictObject({
    /** The term whose rules apply (default: 2025–2030). */
    ruleSetId: z.string().min(1).max(64).default('2025-2030'),
    congressKind: z.enum(CONGRESS_KINDS),
    election: z.enum(ELECTION_KINDS),
    summoned: positive,
    present: count,
    exclusions: z
      .array(
        z.strictObject({
          category: z.enum(EXCLUSION_CATEGORIES),
          count,
          note: z.string().trim().min(1).max(2_000).optional(),
        }),
      )
      .default([]),
    ballots: z.strictObject({ issued: count, collected: count, valid: count, invalid: count }),
    seats: positive,
    votes: z.array(z.strictObject({ candidateId: z.string().trim().min(1).max(200), votes: count })).min(1),
  })
  .refine((r) => r.present <= r.summoned, { message: 'present must not exceed summoned', path: ['present'] });

export type EvaluateRequest = z.input<typeof evaluateRequestSchema>;

/** The evaluation, or the issues that make the round impossible (each naming its rule and source). */
export type EvaluateOutcome =
  | { ok: true; result: Omit<RoundResult, 'ok'> & { ruleSetId: string } }
  | { ok: false; issues: { path: string; message: string }[] };

export function evaluateElection(body: unknown): EvaluateOutcome {
  const parsed = evaluateRequestSchema.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    };
  }
  const request = parsed.data;
  let rules;
  try {
    rules = electionRules(getRuleSet(request.ruleSetId));
  } catch (error) {
    return { ok: false, issues: [{ path: 'ruleSetId', message: (error as Error).message }] };
  }
  const outcome = evaluateRound(request, rules);
  if (!outcome.ok) {
    const message = `${outcome.rule} (${citation(outcome.source)}): ${outcome.message}`;
    return { ok: false, issues: [{ path: outcome.check, message }] };
  }
  const { ok: _ok, ...result } = outcome;
  return { ok: true, result: { ruleSetId: request.ruleSetId, ...result } };
}
