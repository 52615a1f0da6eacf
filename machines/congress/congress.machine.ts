/**
 * The congress procedure of one unit (DOMAIN.md §2) as one statechart for every level, parameterised
 * by its input. Built once at module load; callers resolve persisted snapshots against it.
 */
import { initialContext } from './congress.context.js';
import { congressSetup, g, stamped, u } from './congress.setup.js';
import { bodiesState, planState, preparationState } from './preparation.states.js';
import {
  annulledState,
  archiveState,
  confirmationState,
  congressState,
  firstMeetingState,
  reportState,
} from './session.states.js';

const postpone = { guard: g('canPostpone'), actions: u('recordPostponementChecked') };

export const congressMachine = congressSetup.createMachine({
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
    'subordinate.pilot_designated': { guard: g('validPilotChild'), actions: u('recordPilotChild') },
    'superior.pilots_designated': { guard: g('notAwaitingLessons'), actions: u('awaitPilotLessons') },
    // Recorded on the superior that chose the pilots; the engine passes it to the other subordinates.
    'pilot.lessons_recorded': { guard: g('canRecordLessons'), actions: u('recordPilotLessons') },
    'superior.pilot_lessons_recorded': { guard: g('lessonsNotReceived'), actions: u('receivePilotLessons') },
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
        congress: congressState,
        firstMeeting: firstMeetingState,
        report: reportState,
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

export type CongressMachine = typeof congressMachine;
