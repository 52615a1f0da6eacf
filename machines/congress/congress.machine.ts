/**
 * The congress procedure of one unit (DOMAIN.md §2) as one statechart for every level, parameterised
 * by its input. Built once per machine version at module load; callers resolve persisted snapshots
 * against the version that wrote them (machine-registry.ts).
 */
import { initialContext } from './congress.context.js';
import { congressSetup, g, stamped, u } from './congress.setup.js';
import { bodiesState, planState, preparationState } from './preparation.states.js';
import { electionCongressState, electionFirstMeetingState } from './election.states.js';
import {
  annulledState,
  archiveState,
  confirmationState,
  congressState,
  firstMeetingState,
  reportState,
  reportStateV4,
} from './session.states.js';

const postpone = { guard: g('canPostpone'), actions: u('recordPostponementChecked') };

/** The parts that differ between machine versions 3, 4 and 5: the congress session, the first meeting, the report. */
interface SessionParts {
  congress: typeof congressState | typeof electionCongressState;
  firstMeeting: typeof firstMeetingState | typeof electionFirstMeetingState;
  report: typeof reportState | typeof reportStateV4;
}

const buildMachine = (parts: SessionParts) =>
  congressSetup.createMachine({
    id: 'congress',
    context: ({ input }) => initialContext(input),
    initial: 'procedure',
    on: {
      // Children report whenever they finish, whatever this unit is doing.
      'subordinate.congress_held': { guard: g('validHeld'), actions: u('recordHeld') },
      'subordinate.results_confirmed': {
        guard: g('validConfirmedChild'),
        actions: u('recordConfirmedChild'),
      },
      'hierarchy.subordinates_changed': {
        guard: g('validHierarchyChange'),
        actions: u('changeSubordinates'),
      },
      'unit.flagged_difficult': { guard: g('notFlagged'), actions: u('flag') },
      'unit.difficulty_cleared': { guard: g('isFlagged'), actions: u('clearFlag') },
      // The superior, having looked into a local-policy breach, closes it: the unit leaves the at-risk list.
      'irregularity.closed': { guard: g('irregularityOpen'), actions: u('closeIrregularity') },
      'subordinate.pilot_designated': { guard: g('validPilotChild'), actions: u('recordPilotChild') },
      'superior.pilots_designated': { guard: g('notAwaitingLessons'), actions: u('awaitPilotLessons') },
      // Recorded on the superior that chose the pilots; the engine passes it to the other subordinates.
      'pilot.lessons_recorded': { guard: g('canRecordLessons'), actions: u('recordPilotLessons') },
      'superior.pilot_lessons_recorded': {
        guard: g('lessonsNotReceived'),
        actions: u('receivePilotLessons'),
      },
      'consultation.superior_drafts_discussed': {
        guard: g('draftsNotYetDiscussed'),
        actions: u('discussDrafts'),
      },
    },
    states: {
      procedure: {
        ...stamped('procedure'),
        initial: 'plan',
        on: { 'congress.postponed': { ...postpone, target: '#congress.postponed' } },
        states: {
          // Deep history: resuming after a postponement returns to every region where it was.
          history: { type: 'history', history: 'deep' },
          plan: planState,
          bodies: bodiesState,
          preparation: preparationState,
          congress: parts.congress,
          firstMeeting: parts.firstMeeting,
          report: parts.report,
          confirmation: confirmationState,
          annulled: annulledState,
          archive: archiveState,
        },
      },
      postponed: {
        ...stamped('postponed'),
        on: {
          'congress.resumed': '#congress.procedure.history',
          // Rescheduling while postponed re-enters the state, so its deadline is stamped anew.
          'congress.postponed': { ...postpone, target: 'postponed', reenter: true },
        },
      },
      completed: { type: 'final' },
    },
  });

/** Machine version 3: the procedure in the regulations' order, one election from a summoned count. */
export const congressMachineV3 = buildMachine({
  congress: congressState,
  firstMeeting: firstMeetingState,
  report: reportStateV4,
});

/**
 * Machine version 4: version 3 with the congress session and first meeting as elections are held:
 * attendance, every election with its list, ballots and rounds, the forms of congress.
 */
export const congressMachineV4 = buildMachine({
  congress: electionCongressState,
  firstMeeting: electionFirstMeetingState,
  report: reportStateV4,
});

/** Machine version 5: version 4 where a 2-content congress, which elected nothing, is not confirmed. */
export const congressMachine = buildMachine({
  congress: electionCongressState,
  firstMeeting: electionFirstMeetingState,
  report: reportState,
});

export type CongressMachine = typeof congressMachine;
