import type { Level } from '../domain.js';
import type { ElectionKind } from './election-kinds.js';
import type { Provenance, RuleId } from './rule-ids.js';

/**
 * A term's rules as data (Directive 35-CT/TW for 2020–2025, 45-CT/TW for 2025–2030).
 * The engine runs any term from its rule set alone; nothing term-specific lives in code.
 */
export interface RuleSet {
  id: string;
  /** e.g. "Chỉ thị 35-CT/TW (2019)". */
  directive: string;
  term: { from: string; to: string };
  /** Levels that exist in this term, top-down (districts were abolished for territorial units on 1/7/2025). */
  levels: Level[];
  /**
   * Display names per level, when a term gives a slot another meaning (from 2025 the `district` slot holds
   * the upper-base committees: communes, wards and other cấp trên cơ sở). Optional so older data stays valid.
   */
  levelLabels?: Partial<Record<Level, { vi: string; en: string }>>;
  /** Deployment corrections to the working-day calendar (decreed days off the table lacks, worked days). */
  calendar?: {
    extraHolidays?: string[];
    extraWorkingDays?: string[];
    /** A day off every year on this month-day (MM-DD), from `fromYear` on (e.g. a deployment's own holiday). */
    recurringHolidays?: { monthDay: string; fromYear: number }[];
  };
  /** Absolute date (YYYY-MM-DD) by which each level's congresses must be held. */
  congressDeadlines: Partial<Record<Level, string>>;
  /** Procedural clocks, in working days. */
  clocks: {
    /** Superior decides on a submitted plan / documents / personnel plan. */
    superiorDecision: number;
    /** Unit resubmits after a return for revision. */
    resubmission: number;
    /** Subordinate units reply to a consultation. */
    consultationReply: number;
    /**
     * Documents and personnel plan reviewed by the superior at least this long before opening. Found only
     * in one province's 2024 plan: local policy, absent from 2020–2025, never applied to cells.
     */
    superiorReviewBeforeOpening?: number;
    /** Opening date and delegate numbers announced this long ahead. */
    convocationNotice: number;
    /** Result report due after closing. */
    resultReport: number;
    /** Superior confirms (chuẩn y) within this after the report. */
    confirmation: number;
    /**
     * An entry recorded more than this many working days after it occurred is marked late for
     * supervisors. Local policy (no national text sets it): flags, never refuses.
     */
    lateRecording: number;
    /**
     * The role that recorded an entry may correct it within this many working days of recording it;
     * after that only the superior standing committee may. Local policy.
     */
    correctionWindow: number;
    /** Superior gives direction after an election pauses on a key-post failure. */
    keyPostDirection: number;
  };
  /** Maximum congress length in calendar days, per level. */
  maxCongressDays: Partial<Record<Level, number>>;
  /** Congress forms allowed besides the normal 4-content congress. */
  variants: { threeContent: boolean; twoContent: boolean };
  /** Postponement limits in months, with whose consent. */
  postponement: { cellMonths: number; otherMonths: number };
  /** Share (0..1) of subordinate congresses that must be held before the opening, unless waived. */
  subordinateThreshold: number;
  /** Reminder and escalation offsets, in working days. */
  alerts: {
    remindersBefore: number[];
    /** working group, superior standing committee, level above. */
    escalationsAfter: [number, number, number];
  };
  election: {
    /** The election regulation in force for the term (QĐ 244-QĐ/TW for 2020–2025, QĐ 190-QĐ/TW for 2025–2030). */
    regulation: string;
    /** Candidate surplus prepared by the committee: recommended band and hard cap, as shares of seats. */
    surplusMin: number;
    surplusMax: number;
    surplusCap: number;
    /** Bodies with at most this many seats have at most `smallBodyMaxSurplus` extra candidates. */
    smallBodyMaxSeats: number;
    smallBodyMaxSurplus: number;
    /** Elections whose list must exceed the seats (committee and standing committee). */
    surplusKinds: ElectionKind[];
    /** A floor or self nominee enters the list with support from more than this share of those present. */
    floorNominationSupport: number;
    /** Share of those summoned who must be present at the official session (flagged below it). */
    quorum: number;
    /** Rounds held on a short list before the congress must decide whether to go on. */
    roundsBeforeDecision: number;
    /** Rounds after which a decision to go on is flagged for supervisors. */
    maxRounds: number;
    /** A cell with fewer full members than this elects only a secretary (and deputy). */
    cellCommitteeMinMembers: number;
    /** Whether the term lets a congress elect its secretary directly (pilot). */
    directSecretary: boolean;
    /** A tie for the last seat goes to another round among the tied: the Party's rule has no tie-break by age. */
    tieRule: 'another_round';
  };
  personnel: {
    /** Share of those summoned that must attend the key cadres conference. */
    keyCadresQuorum: number;
    /** Share of those summoned a candidate needs at each step (strictly more than). */
    stepApproval: number;
    /** Step lists per track; first-time steps 3–5 are unpublished, hence data. */
    tracks: { reelection: string[]; firstTime: string[] };
  };
  /**
   * Where each number and gate comes from (machines/rules/provenance.ts). Only a rule with a national
   * source refuses; a local-policy rule flags an irregularity. docs/rules.md is generated from this.
   */
  provenance: Partial<Record<RuleId, Provenance>>;
}
