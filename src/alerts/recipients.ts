import type { EscalationRecipient } from '../../machines/domain.js';
import type { AlertPointSpec } from '../deadlines/alert-points.js';
import type { OrgUnit } from '../domain/index.js';

/** What addressing reads of a unit: its id and working group. */
export type LineageUnit = Pick<OrgUnit, 'id' | 'workingGroup'>;

/** The org tree around a unit: the unit and its ancestors, nearest first. */
export interface UnitLineage {
  unit: LineageUnit;
  ancestors: LineageUnit[];
}

const unitTeam = (id: string) => `unit:${id}`;
const workingGroupTeam = (id: string) => `wg:${id}`;
const standingCommitteeTeam = (unitId: string) => `sc:${unitId}`;

/** The chain that starts at the party owing the action: the unit, or its superior for approval clocks. */
function ownerChain(lineage: UnitLineage, owner: 'unit' | 'superior'): LineageUnit[] {
  const chain = [lineage.unit, ...lineage.ancestors];
  return owner === 'unit' ? chain : chain.slice(1);
}

/**
 * One rung of the ladder, relative to the owing unit B: its working group (`wg:<B.workingGroup>`,
 * or the superior standing committee when B has none assigned), the superior standing committee
 * (`sc:<parent of B>`), the level above (`sc:<grandparent of B>`). Rungs above the root are missing.
 */
function rungTeam(chain: LineageUnit[], recipient: EscalationRecipient): string | null {
  const [owing, superior, aboveSuperior] = chain;
  switch (recipient) {
    case 'working_group':
      if (owing?.workingGroup) return workingGroupTeam(owing.workingGroup);
      return superior ? standingCommitteeTeam(superior.id) : null;
    case 'superior_standing_committee':
      return superior ? standingCommitteeTeam(superior.id) : null;
    case 'level_above':
      return aboveSuperior ? standingCommitteeTeam(aboveSuperior.id) : null;
  }
}

/** Reminders and the overdue alert go to whoever owes the action: the unit (and its working group), or the superior's standing committee. */
function owingTeams(chain: LineageUnit[], owner: 'unit' | 'superior'): string[] {
  const [owing] = chain;
  if (owing === undefined) return [];
  if (owner === 'superior') return [standingCommitteeTeam(owing.id)];
  return owing.workingGroup
    ? [unitTeam(owing.id), workingGroupTeam(owing.workingGroup)]
    : [unitTeam(owing.id)];
}

/**
 * Teams an alert point is addressed to. Empty when the rung does not exist (the root has no
 * superior): such points raise no alert.
 */
export function recipientsFor(
  point: AlertPointSpec,
  owner: 'unit' | 'superior',
  lineage: UnitLineage,
): string[] {
  const chain = ownerChain(lineage, owner);
  if (point.type !== 'escalation') return owingTeams(chain, owner);
  const team = rungTeam(chain, point.recipient);
  return team === null ? [] : [team];
}

/**
 * True when addressing this point reads the working group of the unit's superior (an approval
 * clock's first escalation rung), which a reader holding only the unit's own hash does not have.
 */
export function needsSuperiorWorkingGroup(point: AlertPointSpec, owner: 'unit' | 'superior'): boolean {
  return owner === 'superior' && point.type === 'escalation' && point.recipient === 'working_group';
}
