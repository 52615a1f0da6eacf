import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  defineRuleSet,
  getRuleSet,
  type RuleSet,
  type RuleSetOverrides,
} from '../../machines/rules/index.js';

/**
 * A deployment's rule sets: each derives from a known term and overrides what differs locally (clocks,
 * alert offsets, calendar corrections...). Example:
 * `[{ "id": "2025-2030-hn", "base": "2025-2030", "overrides": { "calendar": { "extraHolidays": ["2025-09-01"] } } }]`
 */
const fileSchema = z.array(
  z.object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    base: z.string().min(1),
    overrides: z.record(z.string(), z.unknown()).default({}),
  }),
);

/** Reads and validates the rule sets file; throws one message naming the file and every problem. */
export function loadRuleSetsFile(path: string): RuleSet[] {
  try {
    const entries = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return entries.map((entry) =>
      defineRuleSet(getRuleSet(entry.base), { ...(entry.overrides as RuleSetOverrides), id: entry.id }),
    );
  } catch (error) {
    const detail = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
    throw new Error(`Invalid rule sets file ${path}: ${detail}`);
  }
}
