/**
 * The statechart of machine versions 1 and 2, frozen: logs recorded under them replay on it, and their
 * snapshots are lifted to the current version by `MIGRATIONS` (machine-registry.ts). Not to be edited:
 * a change here changes how recorded history replays.
 */
import { initialContext } from '../congress.context.js';
import type { CongressMachine } from '../congress.machine.js';
import { approved, congressSetup, g, stampedPlain, u } from '../congress.setup.js';
const designatePilot = { 'pilot.designated': { guard: g('notPilot'), actions: u('markPilot') } };
const recordDraft = { 'documents.draft_recorded': { guard: g('nextDraft'), actions: u('recordDraft') } };
const changeForm = { 'congress.form_changed': { guard: g('formChangeAllowed'), actions: u('setForm') } };

const planState = {
  initial: 'drafting',
  on: designatePilot,
  states: {
    drafting: { on: { 'plan.submitted': 'submitted' } },
    submitted: {
      ...stampedPlain('plan.submitted'),
      on: {
        // Cells skip the bodies phase: they form no subcommittees or working groups.
        'plan.approved': [
          { guard: g('isCell'), target: '#congress.procedure.preparation', actions: approved('plan') },
          { target: '#congress.procedure.bodies', actions: approved('plan') },
        ],
        'plan.returned': 'returned',
      },
    },
    returned: { ...stampedPlain('plan.returned'), on: { 'plan.submitted': 'submitted' } },
  },
};

const bodiesState = {
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
      ...stampedPlain('documents.consulting'),
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
      ...stampedPlain('documents.submitted'),
      on: {
        'documents.approved': { target: 'final', actions: [approved('documents'), u('markDocsFinal')] },
        'documents.returned': 'returned',
      },
    },
    returned: {
      ...stampedPlain('documents.returned'),
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
      ...stampedPlain('personnel.plan_submitted'),
      on: {
        'personnel.plan_approved': {
          target: 'approved',
          actions: [approved('personnelPlan'), u('markPersonnelApproved')],
        },
        'personnel.plan_returned': 'planReturned',
      },
    },
    planReturned: {
      ...stampedPlain('personnel.plan_returned'),
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
      on: { 'gate.waiver_recorded': { guard: g('validWaiver'), actions: u('recordWaiver') } },
    },
    met: { always: { guard: g('gateNotMet'), target: 'waiting' } },
  },
};

const preparationState = {
  type: 'parallel' as const,
  on: {
    ...designatePilot,
    ...changeForm,
    'review.submitted': { guard: g('conveningGate'), target: '#congress.procedure.review' },
  },
  states: { documents: documentsRegion, personnel: personnelRegion, subordinates: subordinatesRegion },
};

const reviewState = {
  initial: 'pending',
  on: changeForm,
  states: {
    pending: {
      ...stampedPlain('review.pending'),
      on: {
        'review.approved': { target: '#congress.procedure.convening', actions: approved('review') },
        'review.returned': 'returned',
      },
    },
    returned: { ...stampedPlain('review.returned'), on: { 'review.submitted': 'pending' } },
  },
};
const conveningState = {
  initial: 'proposing',
  on: { 'congress.form_changed': { guard: g('formChangeAllowed'), actions: u('setForm') } },
  states: {
    proposing: { on: { 'convening.date_proposed': { target: 'proposed', actions: u('proposeOpening') } } },
    proposed: {
      ...stampedPlain('convening.proposed'),
      on: {
        'convening.date_approved': {
          guard: g('openingDateAcceptable'),
          target: 'convened',
          actions: approved('opening'),
        },
        'convening.date_returned': 'proposing',
      },
    },
    convened: {
      on: { 'congress.opened': { target: '#congress.procedure.congress', actions: u('openCongress') } },
    },
  },
};

const congressState = {
  initial: 'preparatory',
  states: {
    preparatory: {
      on: {
        'congress.official_session_opened': [
          { guard: g('noElection'), target: 'resolution' },
          { target: 'elections' },
        ],
      },
    },
    elections: {
      on: {
        'election.recorded': [
          { guard: g('keyPostFailed'), target: 'paused', actions: u('recordRound') },
          { guard: g('seatsFilled'), target: 'resolution', actions: u('recordRound') },
          { guard: g('validRound'), actions: u('recordRound') },
        ],
      },
    },
    paused: {
      ...stampedPlain('congress.paused'),
      on: {
        'election.direction_given': [
          { guard: g('threeContentDirection'), target: 'resolution', actions: u('setThreeContent') },
          { guard: g('proceedDirection'), target: 'resolution' },
          { guard: g('validDirection'), target: 'elections' },
        ],
      },
    },
    resolution: {
      on: {
        'congress.closed': [
          {
            guard: g('closeToAppointment'),
            target: '#congress.procedure.firstMeeting.appointment',
            actions: u('closeCongress'),
          },
          {
            guard: g('closeSecretaryOnly'),
            target: '#congress.procedure.report',
            actions: u('closeCongress'),
          },
          {
            guard: g('withinMaxDays'),
            target: '#congress.procedure.firstMeeting',
            actions: u('closeCongress'),
          },
        ],
      },
    },
  },
};

const firstMeetingState = {
  initial: 'meeting',
  states: {
    appointment: {
      ...stampedPlain('committee.appointment'),
      on: {
        'committee.appointed': [
          { guard: g('secretaryOnly'), target: '#congress.procedure.report', actions: u('appoint') },
          { target: 'meeting', actions: u('appoint') },
        ],
      },
    },
    meeting: { on: { 'committee.first_meeting_held': '#congress.procedure.report' } },
  },
};

const reportState = {
  ...stampedPlain('report'),
  on: { 'results.reported': { target: 'confirmation', actions: u('recordReport') } },
};

const confirmationState = {
  ...stampedPlain('confirmation'),
  on: {
    'results.confirmed': [
      { guard: g('isPilot'), target: 'lessons', actions: u('recordConfirmation') },
      { target: 'archive', actions: u('recordConfirmation') },
    ],
    'results.annulled': { guard: g('wasElected'), target: 'annulled', actions: u('annul') },
  },
};

const annulledState = {
  on: {
    'congress.reconvened': { target: '#congress.procedure.congress.elections', actions: u('reconvene') },
  },
};

/** A pilot unit's lessons-learned conference, recorded by the superior, gates its archiving. */
const lessonsState = { on: { 'pilot.lessons_recorded': 'archive' } };

const archiveState = { on: { 'records.archived': '#congress.completed' } };
const postpone = { guard: g('canPostpone'), actions: u('recordPostponement') };

/** Typed as the current machine: the registry and the runner only use what every version shares. */
export const congressMachineV2 = congressSetup.createMachine({
  id: 'congress',
  context: ({ input }) => initialContext(input),
  initial: 'procedure',
  on: {
    // Children report whenever they finish, whatever this unit is doing.
    'subordinate.congress_held': { guard: g('validHeld'), actions: u('recordHeld') },
    'subordinate.results_confirmed': { guard: g('validConfirmedChild'), actions: u('recordConfirmedChild') },
    'hierarchy.subordinates_changed': { guard: g('validHierarchyChange'), actions: u('changeSubordinates') },
    'unit.flagged_difficult': { guard: g('notFlagged'), actions: u('flag') },
    'unit.difficulty_cleared': { guard: g('isFlagged'), actions: u('clearFlag') },
  },
  states: {
    procedure: {
      ...stampedPlain('procedure'),
      initial: 'plan',
      on: { 'congress.postponed': { ...postpone, target: '#congress.postponed' } },
      states: {
        // Deep history: resuming after a postponement returns to every region where it was.
        history: { type: 'history', history: 'deep' },
        plan: planState,
        bodies: bodiesState,
        preparation: preparationState,
        review: reviewState,
        convening: conveningState,
        congress: congressState,
        firstMeeting: firstMeetingState,
        report: reportState,
        confirmation: confirmationState,
        annulled: annulledState,
        lessons: lessonsState,
        archive: archiveState,
      },
    },
    postponed: {
      ...stampedPlain('postponed'),
      on: {
        'congress.resumed': '#congress.procedure.history',
        // Rescheduling while postponed re-enters the state, so its deadline is stamped anew.
        'congress.postponed': { ...postpone, target: 'postponed', reenter: true },
      },
    },
    completed: { type: 'final' },
  },
}) as unknown as CongressMachine;
