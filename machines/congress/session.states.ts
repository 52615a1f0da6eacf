/**
 * Convening, the congress session with its elections, the first meeting, report, confirmation,
 * the annulment and pilot side paths, and archiving.
 */
import { approved, g, stamped, u } from './congress.setup.js';

export const conveningState = {
  initial: 'proposing',
  on: { 'congress.form_changed': { guard: g('formChangeAllowed'), actions: u('setForm') } },
  states: {
    proposing: { on: { 'convening.date_proposed': { target: 'proposed', actions: u('proposeOpening') } } },
    proposed: {
      ...stamped('convening.proposed'),
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

export const reportState = {
  ...stamped('report'),
  on: { 'results.reported': { target: 'confirmation', actions: u('recordReport') } },
};

export const confirmationState = {
  ...stamped('confirmation'),
  on: {
    'results.confirmed': [
      { guard: g('isPilot'), target: 'lessons', actions: u('recordConfirmation') },
      { target: 'archive', actions: u('recordConfirmation') },
    ],
    'results.annulled': { guard: g('wasElected'), target: 'annulled', actions: u('annul') },
  },
};

export const annulledState = {
  on: {
    'congress.reconvened': { target: '#congress.procedure.congress.elections', actions: u('reconvene') },
  },
};

/** A pilot unit's lessons-learned conference, recorded by the superior, gates its archiving. */
export const lessonsState = { on: { 'pilot.lessons_recorded': 'archive' } };

export const archiveState = { on: { 'records.archived': '#congress.completed' } };
