/**
 * The congress session and the first meeting as machine version 4 holds them: attendance at the
 * official session, then every election with its own list and rounds, the congress's decision to go
 * on after short rounds, the key-post pause wherever a key post is elected, and the forms of congress
 * (a 2-content congress elects nothing; a 3-content one elects delegates but no committee).
 */
import { g, stamped, u } from './congress.setup.js';
import { congressState, firstMeetingState } from './session.states.js';

/**
 * Closing the congress: to the superior's appointment, straight to the report (small cell), or to the
 * first meeting; a late or overlong congress under a local-policy rule is recorded as an irregularity.
 */
const closing = [
  {
    guard: g('electionsCloseToAppointment'),
    target: '#congress.procedure.firstMeeting.appointment',
    actions: u('closeCongressChecked'),
  },
  {
    guard: g('electionsCloseSecretaryOnly'),
    target: '#congress.procedure.report',
    actions: u('closeCongressChecked'),
  },
  {
    guard: g('electionsClose'),
    target: '#congress.procedure.firstMeeting',
    actions: u('closeCongressChecked'),
  },
];

const direction = (back: string) => ({
  ...stamped('congress.paused'),
  on: {
    'election.direction_given': { guard: g('electionDirectionAllowed'), target: back, actions: u('direct') },
  },
});

export const electionCongressState = {
  initial: 'preparatory',
  states: {
    preparatory: {
      on: {
        'congress.official_session_opened': [
          { guard: g('electsNothing'), target: 'elections', actions: u('recordAttendance') },
          { guard: g('quorumHolds'), target: 'elections', actions: u('recordAttendance') },
        ],
      },
    },
    elections: {
      on: {
        'election.list_set': { guard: g('congressListAllowed'), actions: u('setList') },
        'election.recorded': [
          { guard: g('congressKeyPostMissed'), target: 'paused', actions: u('countRoundAndPause') },
          { guard: g('congressRoundAllowed'), actions: u('countRound') },
        ],
        'election.continuation_decided': {
          guard: g('continuationAllowed'),
          actions: u('decideContinuation'),
        },
        'congress.closed': closing,
      },
    },
    paused: direction('elections'),
    // Only units lifted from version 2 after their election stand here; they close as version 2 did.
    resolution: congressState.states.resolution,
  },
};

export const electionFirstMeetingState = {
  initial: 'meeting',
  states: {
    // The superior's appointment is the same as in version 3: only the elections around it changed.
    appointment: firstMeetingState.states.appointment,
    meeting: {
      on: {
        'election.list_set': { guard: g('firstMeetingListAllowed'), actions: u('setList') },
        'election.recorded': [
          { guard: g('firstMeetingKeyPostMissed'), target: 'paused', actions: u('countRoundAndPause') },
          { guard: g('firstMeetingRoundAllowed'), actions: u('countRound') },
        ],
        'election.continuation_decided': {
          guard: g('continuationAllowed'),
          actions: u('decideContinuation'),
        },
        'committee.first_meeting_held': {
          guard: g('firstMeetingSettled'),
          target: '#congress.procedure.report',
        },
      },
    },
    paused: direction('meeting'),
  },
};
