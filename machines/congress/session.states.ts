/**
 * The congress session with its elections, the first meeting, report, confirmation with its
 * complaints, the annulment side path, and archiving. Convening runs in the preparation phase.
 */
import { g, stamped, u } from './congress.setup.js';

export const congressState = {
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
      ...stamped('congress.paused'),
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
            actions: u('closeCongressChecked'),
          },
          {
            guard: g('closeSecretaryOnly'),
            target: '#congress.procedure.report',
            actions: u('closeCongressChecked'),
          },
          {
            guard: g('withinMaxDays'),
            target: '#congress.procedure.firstMeeting',
            actions: u('closeCongressChecked'),
          },
        ],
      },
    },
  },
};

export const firstMeetingState = {
  initial: 'meeting',
  states: {
    appointment: {
      ...stamped('committee.appointment'),
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

/** Versions 3–4: every report goes to the superior's confirmation. */
export const reportStateV4 = {
  ...stamped('report'),
  on: { 'results.reported': { target: 'confirmation', actions: u('recordReport') } },
};

/**
 * From version 5: a 2-content congress elected nothing, so there are no election results to confirm
 * (chuẩn y): the superior's appointment (committee.appointed) was its decision, and the report goes
 * straight to the records (DOMAIN.md §3: "appointed", never "election results confirmed").
 */
export const reportState = {
  ...stamped('report'),
  on: {
    'results.reported': [
      { guard: g('electedNothing'), target: 'archive', actions: u('recordReport') },
      { target: 'confirmation', actions: u('recordReport') },
    ],
  },
};

const annul = {
  'results.annulled': {
    guard: g('canAnnul'),
    target: '#congress.procedure.annulled',
    actions: u('annulPosts'),
  },
};

/** Chuẩn y: complaints stop the 15-working-day clock until resolved (QĐ 24 §16.1). */
export const confirmationState = {
  ...stamped('confirmation'),
  on: {
    'results.confirmed': { guard: g('noOpenComplaint'), target: 'archive', actions: u('recordConfirmation') },
    'results.complaint_recorded': { guard: g('noOpenComplaint'), actions: u('openComplaint') },
    'results.complaint_resolved': { guard: g('complaintOpen'), actions: u('resolveComplaint') },
    ...annul,
  },
};

export const annulledState = {
  on: {
    'congress.reconvened': { target: '#congress.procedure.congress.elections', actions: u('reconvene') },
  },
};

/** Results stay open to annulment after confirmation, until the term ends. */
export const archiveState = { on: { 'records.archived': '#congress.completed', ...annul } };
