/**
 * Guards of what passes between a unit and its superior outside the main sequence: pilots and
 * their lessons, the superior's drafts discussed, complaints and annulment of the results.
 */
import { toVietnamDate } from '../calendar/vn-calendar.js';
import { payloadFor } from '../events/congress-event.js';
import { getRuleSet } from '../rules/index.js';
import type { Check } from './preparation.checks.js';

export const validPilotChild: Check = (ctx, e) => {
  const id = e && payloadFor(e, 'subordinate.pilot_designated').childId;
  if (id === undefined)
    return ctx.subordinateIds.length === 0 ? 'this unit has no subordinate units' : undefined;
  if (!ctx.subordinateIds.includes(id)) return `unit ${id} is not a direct subordinate of this unit`;
  return ctx.pilots?.includes(id) ? `unit ${id} is already a pilot` : undefined;
};

export const notAwaitingLessons: Check = (ctx) =>
  ctx.awaitsPilotLessons ? 'the unit already waits for the pilot lessons' : undefined;

export const canRecordLessons: Check = (ctx) => {
  if (ctx.pilotLessons) return 'the pilot lessons are already recorded';
  return (ctx.pilots ?? []).length > 0
    ? undefined
    : 'no subordinate unit is a pilot: designate pilots (pilot.designated on each) first';
};

export const lessonsNotReceived: Check = (ctx) =>
  ctx.pilotLessonsReceived ? "the superior's pilot lessons have already reached this unit" : undefined;

export const draftsNotYetDiscussed: Check = (ctx, e) => {
  const drafts = e && payloadFor(e, 'consultation.superior_drafts_discussed').drafts;
  if (drafts === undefined) return undefined;
  return ctx.draftsDiscussed?.[drafts] ? `the ${drafts} drafts are already recorded as discussed` : undefined;
};

export const noOpenComplaint: Check = (ctx) =>
  ctx.complaint
    ? `a complaint recorded on ${toVietnamDate(ctx.complaint.at)} is open: resolve it (results.complaint_resolved) first`
    : undefined;

export const complaintOpen: Check = (ctx) => (ctx.complaint ? undefined : 'no complaint is open');

/** Results may be annulled until the term ends, confirmed or not, but only where they were elected. */
export const canAnnul: Check = (ctx, e) => {
  if (ctx.form !== 'four_content') return 'there was no election to annul: the committee is appointed';
  if (!e) return undefined;
  const end = getRuleSet(ctx.ruleSetId).term.to;
  if (toVietnamDate(e.at) > end) return `the term ended on ${end}: its results can no longer be annulled`;
  return unelectedPost(ctx, payloadFor(e, 'results.annulled').posts);
};

/** Machine version 4 keeps who each election elected: a named post must be one of them. */
function unelectedPost(ctx: Parameters<Check>[0], posts: string[] | undefined): string | undefined {
  if (!ctx.elections || !posts) return undefined;
  const elected = new Set(Object.values(ctx.elections).flatMap((progress) => progress.elected));
  const stranger = posts.find((post) => !elected.has(post));
  return stranger === undefined
    ? undefined
    : `${stranger} was not elected: name the posts by the elected candidates (${[...elected].join(', ')})`;
}
