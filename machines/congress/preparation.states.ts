/**
 * Plan, bodies and the parallel preparation phase: documents and consultation, personnel, the
 * superior's review, convening and the subordinate gate run alongside one another (DOMAIN.md §2
 * rows 4–8), and the congress opens from here once the opening gate holds. The subtree is assembled
 * into the machine in congress.machine.ts.
 */
import { approved, g, stamped, u } from './congress.setup.js';

const designatePilot = { 'pilot.designated': { guard: g('notPilot'), actions: u('markPilot') } };
const recordDraft = { 'documents.draft_recorded': { guard: g('nextDraft'), actions: u('recordDraft') } };
const changeForm = { 'congress.form_changed': { guard: g('formChangeAllowed'), actions: u('setForm') } };

export const planState = {
  initial: 'drafting',
  on: designatePilot,
  states: {
    drafting: { on: { 'plan.submitted': 'submitted' } },
    submitted: {
      ...stamped('plan.submitted'),
      on: {
        // Cells skip the bodies phase: they form no subcommittees or working groups.
        'plan.approved': [
          { guard: g('isCell'), target: '#congress.procedure.preparation', actions: approved('plan') },
          { target: '#congress.procedure.bodies', actions: approved('plan') },
        ],
        'plan.returned': 'returned',
      },
    },
    returned: { ...stamped('plan.returned'), on: { 'plan.submitted': 'submitted' } },
  },
};

export const bodiesState = {
  on: { ...designatePilot, 'bodies.formed': '#congress.procedure.preparation' },
};

const documentsRegion = {
  initial: 'drafting',
  states: {
    drafting: {
      on: {
        ...recordDraft,
        'consultation.sent': {
          guard: g('canSendConsultation'),
          target: 'consulting',
          actions: u('openConsultation'),
        },
        'documents.submitted': { guard: g('canSubmitDocuments'), target: 'submitted' },
      },
    },
    consulting: {
      ...stamped('documents.consulting'),
      // Also closes when a hierarchy change removes the last unit still expected to reply.
      always: { guard: g('allReplied'), target: 'drafting', actions: u('closeConsultation') },
      on: {
        ...recordDraft,
        'consultation.reply_recorded': { guard: g('validReply'), actions: u('recordReply') },
        'consultation.closed_early': { target: 'drafting', actions: u('closeConsultation') },
        // Listed so the unit is told why it must wait for the replies.
        'documents.submitted': { guard: g('canSubmitDocuments'), target: 'submitted' },
      },
    },
    submitted: {
      ...stamped('documents.submitted'),
      on: {
        'documents.approved': { target: 'final', actions: [approved('documents'), u('markDocsFinal')] },
        'documents.returned': 'returned',
      },
    },
    returned: {
      ...stamped('documents.returned'),
      on: { ...recordDraft, 'documents.submitted': 'submitted' },
    },
    final: { type: 'final' as const },
  },
};

const personnelRegion = {
  initial: 'fiveStep',
  states: {
    fiveStep: {
      on: {
        'personnel.step_recorded': { guard: g('validPersonnelStep'), actions: u('recordPersonnelStep') },
        'personnel.plan_submitted': { guard: g('personnelTracksSettled'), target: 'planSubmitted' },
      },
    },
    planSubmitted: {
      ...stamped('personnel.plan_submitted'),
      on: {
        'personnel.plan_approved': {
          target: 'approved',
          actions: [approved('personnelPlan'), u('markPersonnelApproved')],
        },
        'personnel.plan_returned': 'planReturned',
      },
    },
    planReturned: {
      ...stamped('personnel.plan_returned'),
      on: { 'personnel.plan_submitted': 'planSubmitted' },
    },
    approved: { type: 'final' as const },
  },
};

/** Held subordinates arrive at the root (they may come any time); this region only shows the gate. */
const subordinatesRegion = {
  initial: 'waiting',
  states: {
    waiting: {
      always: { guard: g('gateMet'), target: 'met' },
      on: { 'gate.waiver_recorded': { guard: g('validWaiver'), actions: u('recordWaiverRecord') } },
    },
    met: { always: { guard: g('gateNotMet'), target: 'waiting' } },
  },
};

/** Duyệt: the superior reviews the documents and personnel plan once both are settled. */
const reviewRegion = {
  initial: 'idle',
  states: {
    idle: { on: { 'review.submitted': { guard: g('reviewReady'), target: 'pending' } } },
    pending: {
      ...stamped('review.pending'),
      on: {
        'review.approved': { target: 'approved', actions: approved('review') },
        'review.returned': 'returned',
      },
    },
    returned: { ...stamped('review.returned'), on: { 'review.submitted': 'pending' } },
    approved: { type: 'final' as const },
  },
};

const proposeDate = { 'convening.date_proposed': { target: '.proposed', actions: u('proposeNewOpening') } };

/**
 * Triệu tập: the superior agrees the opening date, then the convening committee announces it with the
 * delegate allocation; the notice runs from the announcement. A new date needs a new agreement.
 */
const conveningRegion = {
  initial: 'proposing',
  on: proposeDate,
  states: {
    proposing: {},
    proposed: {
      ...stamped('convening.proposed'),
      on: {
        'convening.date_approved': { target: 'agreed', actions: approved('opening') },
        'convening.date_returned': 'proposing',
      },
    },
    agreed: {
      on: {
        'convening.announced': { guard: g('validAnnouncement'), target: 'announced', actions: u('announce') },
      },
    },
    announced: {},
  },
};

export const preparationState = {
  type: 'parallel' as const,
  on: {
    ...designatePilot,
    ...changeForm,
    'congress.opened': {
      guard: g('openingGate'),
      target: '#congress.procedure.congress',
      actions: u('openCongressChecked'),
    },
  },
  states: {
    documents: documentsRegion,
    personnel: personnelRegion,
    review: reviewRegion,
    convening: conveningRegion,
    subordinates: subordinatesRegion,
  },
};
