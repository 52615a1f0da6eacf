import type { RequestHandler } from 'express';
import { ValidationError, type FieldIssue } from '../shared/errors.js';

/** Deepest nesting of objects and arrays a JSON body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** Issues of one member (its key and, for a string, its value); containers are queued by the caller. */
function memberIssues(key: string, value: unknown, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (key === '__proto__')
    issues.push({ path, message: 'the key "__proto__" is not allowed; rename or remove it' });
  else if (LONE_SURROGATE.test(key))
    issues.push({ path, message: 'the key contains an unpaired UTF-16 surrogate (not valid Unicode)' });
  if (typeof value === 'string' && LONE_SURROGATE.test(value))
    issues.push({ path, message: 'contains an unpaired UTF-16 surrogate (not valid Unicode)' });
  return issues;
}

/**
 * What makes a parsed JSON value unsafe to handle further: nesting deeper than `maxDepth` (recursive
 * code downstream, such as canonicalisation, would overflow the stack), `__proto__` keys (which object
 * copies turn into a prototype, silently dropping the member) and strings or keys with a lone UTF-16
 * surrogate (no valid UTF-8 form, so they cannot be stored or hashed faithfully). Walks iteratively,
 * so a hostile depth cannot overflow this check itself; stops at the first depth violation.
 */
export function jsonShapeIssues(root: unknown, maxDepth = MAX_JSON_DEPTH): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: Pending[] = [{ value: root, path: '', depth: 1 }];
  if (typeof root === 'string') issues.push(...memberIssues('', root, ''));
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) {
      return [{ path, message: `nested more than ${maxDepth} levels deep` }];
    }
    for (const [key, member] of Object.entries(value)) {
      const at = join(path, key);
      issues.push(...memberIssues(key, member, at));
      pending.push({ value: member, path: at, depth: depth + 1 });
    }
  }
  return issues;
}

/**
 * Refuses a parsed JSON body that `jsonShapeIssues` finds unsafe with 422, before any route reads it,
 * naming where each problem is (`body.payload.reason`).
 */
export function rejectUnsafeJson(maxDepth = MAX_JSON_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (typeof req.body !== 'object' || req.body === null) return next();
    const issues = jsonShapeIssues(req.body, maxDepth).map((i) => ({
      ...i,
      path: i.path === '' ? 'body' : `body.${i.path}`,
    }));
    if (issues.length === 0) return next();
    const detail = issues.map((i) => `${i.path} ${i.message}`).join('; ');
    next(new ValidationError(`Invalid body: ${detail}`, issues));
  };
}
