import { assertCount } from './election-input.js';

/** Delegates to the higher congress: official ones, then alternates (đại biểu chính thức / dự khuyết). */
export interface DelegateLists {
  official: string[];
  alternates: string[];
}

/**
 * Delegates are elected on one list: the highest-ranked `officialSeats` of those elected are official, the
 * next ones alternates. `result.elected` must be in rank order, as `computeElectionRound` returns it.
 */
export function splitDelegates(
  result: { elected: string[] },
  officialSeats: number,
  alternateSeats: number,
): DelegateLists {
  assertCount(officialSeats, 'officialSeats', 1);
  assertCount(alternateSeats, 'alternateSeats');
  if (result.elected.length > officialSeats + alternateSeats) {
    throw new Error(
      `${result.elected.length} elected exceed ${officialSeats} official + ${alternateSeats} alternate seats`,
    );
  }
  return {
    official: result.elected.slice(0, officialSeats),
    alternates: result.elected.slice(officialSeats),
  };
}
