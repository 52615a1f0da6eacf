import { describe, expect, expectTypeOf, it } from 'vitest';
import { nextDraft } from '../../../machines/congress/preparation.checks.js';
import { createInitialSnapshot } from '../../../machines/index.js';
import type { CongressContext } from '../../../machines/congress/congress.context.js';
import { payloadFor, type PayloadOf } from '../../../machines/events/congress-event.js';
import type { ExclusionCategory } from '../../../machines/election/exclusions.js';
import { buildEvent, buildUnit, checked } from './support/unit-driver.js';

const context = createInitialSnapshot(buildUnit()).context as unknown as CongressContext;

describe('event payloads typed from their schemas', () => {
  it('when a payload schema is read as a type, then it is the parsed form, defaults included', () => {
    // Checked by the type checker (npm run typecheck): a schema change breaks these lines.
    expectTypeOf<PayloadOf<'documents.draft_recorded'>>().toEqualTypeOf<{ draft: number; title: string }>();
    expectTypeOf<PayloadOf<'election.recorded'>['exclusions']>().toEqualTypeOf<
      { category: ExclusionCategory; count: number; note?: string | undefined }[]
    >();
    expectTypeOf<PayloadOf<'plan.approved'>>().toEqualTypeOf<Record<string, never>>();
  });

  it('when payloadFor is given an event of the named type, then it returns its parsed payload', () => {
    const event = checked(buildEvent('documents.draft_recorded', { draft: 2, title: '  Dự thảo 2 ' }));
    expect(payloadFor(event, 'documents.draft_recorded')).toEqual({ draft: 2, title: 'Dự thảo 2' });
  });

  it('when a check is handed an event of another type than the one it is wired to, then it throws', () => {
    const event = checked(buildEvent('plan.submitted', { reference: 'KH' }));
    expect(() => nextDraft(context, event)).toThrow(
      'expected a documents.draft_recorded event, got plan.submitted',
    );
    expect(() => payloadFor(event, 'plan.submitted')).not.toThrow();
  });
});
