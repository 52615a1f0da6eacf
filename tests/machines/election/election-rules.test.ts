/**
 * The election rules clause by clause, each test named after the text it checks. Inputs are what a
 * counting committee writes down; the expected figures are worked out by hand in the titles.
 */
import { electionRules } from '../../../machines/rules/election-rules.js';
import { describe, expect, it } from 'vitest';
import { checkList } from '../../../machines/election/candidate-list.js';
import { evaluateRound, type RoundInput } from '../../../machines/election/round.js';
import { getRuleSet } from '../../../machines/rules/index.js';

const RULES_2025 = electionRules(getRuleSet('2025-2030'));
const RULES_2020 = electionRules(getRuleSet('2020-2025'));

function round(overrides: Partial<RoundInput> = {}): RoundInput {
  return {
    congressKind: 'member',
    election: 'committee',
    summoned: 11,
    present: 10,
    exclusions: [],
    ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
    seats: 1,
    votes: [{ candidateId: 'an', votes: 6 }],
    ...overrides,
  };
}

const votes = (pairs: Record<string, number>) =>
  Object.entries(pairs).map(([candidateId, v]) => ({ candidateId, votes: v }));

function ok(input: RoundInput) {
  const result = evaluateRound(input, RULES_2025);
  if (!result.ok) throw new Error(result.message);
  return result;
}

function refused(input: RoundInput, rules = RULES_2025) {
  const result = evaluateRound(input, rules);
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

describe('majority base (QĐ 244 Art. 32 §2, kept by QĐ 190)', () => {
  it('QĐ 244 Art. 32 §2: when 11 are summoned and 10 present, then 6 votes pass and 5 fail', () => {
    const result = ok(round({ seats: 2, votes: votes({ an: 6, binh: 5 }) }));
    expect(result).toMatchObject({ base: 11, votesNeeded: 6, elected: ['an'], notElected: ['binh'] });
    expect(result.thresholds[0]).toMatchObject({ id: 'election.majorityBase', value: 6 });
  });

  it('QĐ 244 Art. 32 §2: when five exclusions for absence are claimed with one member absent, then the round is refused', () => {
    const input = round({
      exclusions: [{ category: 'absent_accepted_reason', count: 5 }],
      votes: votes({ an: 4 }),
    });
    expect(refused(input)).toMatchObject({ rule: 'election.exclusions', check: 'exclusions' });
    expect(refused(input).message).toContain('exceed those absent (11 summoned − 10 present = 1)');
  });

  it('QĐ 244 Art. 32 §2: when an excused member attends, then they still count, and excluding them is refused', () => {
    const attends = round({
      summoned: 12,
      present: 12,
      ballots: { issued: 12, collected: 12, valid: 12, invalid: 0 },
    });
    expect(ok(attends)).toMatchObject({ base: 12, votesNeeded: 7 });
    const excluded = { ...attends, exclusions: [{ category: 'excused_absent' as const, count: 1 }] };
    expect(refused(excluded).rule).toBe('election.exclusions');
    const absent = round({
      summoned: 12,
      present: 11,
      exclusions: [{ category: 'excused_absent', count: 1 }],
    });
    expect(ok(absent)).toMatchObject({ base: 11, votesNeeded: 6 });
  });

  it('QĐ 244 Art. 32 §2: when members attached elsewhere or suspended are excluded, then no absence is needed for them', () => {
    const input = round({
      summoned: 14,
      present: 14,
      ballots: { issued: 12, collected: 12, valid: 12, invalid: 0 },
      exclusions: [
        { category: 'attached_elsewhere', count: 1 },
        { category: 'suspended_prosecuted_detained', count: 1, note: 'đình chỉ sinh hoạt' },
      ],
    });
    expect(ok(input)).toMatchObject({ base: 12, votesNeeded: 7 });
  });

  it('QĐ 244 Art. 32 §3: when an official delegate is absent without an alternate, then they leave the base', () => {
    const delegates = round({ congressKind: 'delegate', summoned: 12, present: 11 });
    expect(ok(delegates)).toMatchObject({ base: 12, votesNeeded: 7 });
    const excluded = {
      ...delegates,
      exclusions: [{ category: 'delegate_absent_no_alternate' as const, count: 1 }],
    };
    expect(ok(excluded)).toMatchObject({ base: 11, votesNeeded: 6, elected: ['an'] });
  });

  it('QĐ 244 Art. 32 §2–3: when a member-congress category is used at a delegate congress, then it is refused', () => {
    const input = round({ congressKind: 'delegate', exclusions: [{ category: 'excused_absent', count: 1 }] });
    expect(refused(input).message).toContain('excused_absent is not an exclusion at a delegate congress');
  });
});

describe('ballots (QĐ 244 Art. 32 §1: results are counted on valid ballots)', () => {
  const ballots = (issued: number, collected: number, valid: number, invalid: number) => ({
    issued,
    collected,
    valid,
    invalid,
  });

  it.each([
    ['collected > issued', ballots(9, 10, 10, 0), 'ballots.collected_within_issued'],
    ['issued > present', ballots(11, 11, 11, 0), 'ballots.issued_within_present'],
    ['valid + invalid ≠ collected', ballots(10, 10, 8, 1), 'ballots.valid_plus_invalid'],
  ])('QĐ 244 Art. 32 §1: when %s, then the round is refused naming the check', (_label, counted, check) => {
    expect(refused(round({ ballots: counted }))).toMatchObject({ rule: 'election.ballots', check });
  });

  it('QĐ 244 Art. 32 §1: when the count adds up exactly at each limit, then the round counts', () => {
    expect(ok(round({ ballots: ballots(10, 10, 9, 1), votes: votes({ an: 9 }) })).elected).toEqual(['an']);
  });

  it('QĐ 244 Art. 32 §1: when a candidate has more votes than valid ballots, then it is refused; equal is counted', () => {
    const counted = ballots(10, 10, 8, 2);
    expect(refused(round({ ballots: counted, votes: votes({ an: 9 }) })).check).toBe(
      'ballots.candidate_within_valid',
    );
    expect(ok(round({ ballots: counted, votes: votes({ an: 8 }) })).elected).toEqual(['an']);
  });

  it('QĐ 244 Art. 32 §1: when all votes exceed valid ballots × seats, then it is refused; equal is counted', () => {
    const counted = ballots(10, 10, 10, 0);
    const over = round({ ballots: counted, seats: 2, votes: votes({ an: 10, binh: 9, chi: 2 }) });
    expect(refused(over).check).toBe('ballots.total_within_valid_times_seats');
    const equal = round({ ballots: counted, seats: 2, votes: votes({ an: 10, binh: 9, chi: 1 }) });
    expect(ok(equal).elected).toEqual(['an', 'binh']);
  });
});

describe('ties and further rounds (QĐ 244 Art. 20 §2 and Art. 32)', () => {
  it('QĐ 244 Art. 32: when two tie for the last seat, then neither is seated and another round is held among them', () => {
    const result = ok(round({ seats: 2, votes: votes({ an: 8, binh: 6, chi: 6 }) }));
    expect(result).toMatchObject({
      outcome: 'tie',
      elected: ['an'],
      tiedAtLastSeat: ['binh', 'chi'],
      seatsRemaining: 1,
    });
  });

  it('QĐ 244 Art. 20 §2: when too few pass, then the round is short and seats remain', () => {
    expect(ok(round({ seats: 2, votes: votes({ an: 6, binh: 5 }) }))).toMatchObject({
      outcome: 'short',
      seatsRemaining: 1,
    });
  });
});

describe('quorum (2/3 of those summoned: no published article found, so it flags)', () => {
  it('local policy: when 8 of 12 are present, then the session is quorate; 7 of 12 is flagged but still counted', () => {
    const at = (present: number) =>
      round({
        summoned: 12,
        present,
        ballots: { issued: present, collected: present, valid: present, invalid: 0 },
        votes: votes({ an: 7 }),
      });
    expect(ok(at(8))).toMatchObject({ quorate: true, elected: ['an'] });
    expect(ok(at(7))).toMatchObject({ quorate: false, elected: ['an'] });
    expect(RULES_2025.sources['election.quorum']).toEqual({
      basis: 'local-policy',
      setBy: 'congress-engine default',
    });
  });
});

describe('the list (QĐ 190 Art. 14 for 2025–2030, QĐ 244 for 2020–2025)', () => {
  const list = (seats: number, n: number, election = 'committee' as const) => {
    const candidates = Array.from({ length: n }, (_, i) => `c${i}`);
    return {
      election,
      seats,
      candidates,
      nominations: candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' as const })),
    };
  };

  it('QĐ 190 Art. 14 §1: when 10 seats have 13 candidates, then the list stands; 14 (one over 30%) is refused', () => {
    expect(checkList(list(10, 13), RULES_2025).refusal).toBeUndefined();
    expect(checkList(list(10, 14), RULES_2025).refusal).toEqual({
      rule: 'election.surplus',
      message: 'surplus 40% exceeds the cap of 30%',
    });
    expect(RULES_2025.sources['election.surplus']).toMatchObject({
      source: { document: expect.stringContaining('190-QĐ/TW'), article: expect.stringContaining('Art. 14') },
    });
  });

  it('QĐ 244: when a 2020–2025 list is one over the cap, then the refusal cites QĐ 244', () => {
    expect(checkList(list(10, 14), RULES_2020).refusal?.rule).toBe('election.surplus');
    expect(RULES_2020.sources['election.surplus']).toMatchObject({
      source: { document: expect.stringContaining('244-QĐ/TW') },
    });
  });

  it('QĐ 190 Art. 14 §1: when the list does not exceed the seats, then it is refused; 11 of 10 is outside 10–15% and flagged', () => {
    expect(checkList(list(10, 10), RULES_2025).refusal?.message).toBe('10 candidates do not exceed 10 seats');
    expect(checkList(list(10, 11), RULES_2025)).toEqual({ flags: [] });
    expect(checkList(list(20, 21), RULES_2025).flags).toHaveLength(1);
  });

  it('small bodies (3–5 seats): when 3 seats have 4 candidates, then it stands; 5 is refused', () => {
    expect(checkList(list(3, 4), RULES_2025).refusal).toBeUndefined();
    expect(checkList(list(3, 5), RULES_2025).refusal?.rule).toBe('election.smallBodySurplus');
  });

  it('QĐ 190 Art. 14: when the list is for delegates or a single post, then no surplus is required', () => {
    expect(checkList(list(1, 1, 'secretary' as never), RULES_2025).refusal).toBeUndefined();
  });

  it('QĐ 190 Art. 14 §3: when a floor nominee has 3 of 10 present, then they stay off the list; 4 of 10 enters', () => {
    const withFloor = (support: number) => ({
      ...list(10, 12),
      present: 10,
      nominations: [...list(10, 11).nominations, { candidateId: 'c11', by: 'floor' as const, support }],
    });
    expect(checkList(withFloor(3), RULES_2025).refusal?.rule).toBe('election.floorNomination');
    expect(checkList(withFloor(4), RULES_2025).refusal).toBeUndefined();
  });
});
