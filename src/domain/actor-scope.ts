/**
 * The scope a role acts over, as the record writes it, and the team id the statechart sees act.
 * Team ids (`secretary:<unit>`, `wg:<group>`, `sc:<root>`, `inspection:<root>`, `system`) are what
 * records written before the record carried a scope stored as the actor's `id`; they stay the
 * machine's view, so approvals read the same whichever form an entry has.
 */
import type { EventRole } from '../../machines/domain.js';

const SCOPE_KIND: Record<EventRole, string> = {
  secretary: 'unit',
  working_group: 'working_group',
  standing_committee: 'subtree',
  inspection: 'subtree',
  system: 'all',
};

const TEAM_PREFIX: Record<EventRole, string> = {
  secretary: 'secretary',
  working_group: 'wg',
  standing_committee: 'sc',
  inspection: 'inspection',
  system: 'system',
};

/** `unit:<id>`, `working_group:<id>`, `subtree:<id>` or `all` for a role acting over `scopeId`. */
export function scopeFor(role: EventRole, scopeId: string | undefined): string {
  return role === 'system' ? 'all' : `${SCOPE_KIND[role]}:${scopeId ?? ''}`;
}

/** The team id the statechart sees for a role and scope. */
export function teamIdOf(role: EventRole, scope: string): string {
  if (role === 'system') return 'system';
  return `${TEAM_PREFIX[role]}:${scope.slice(scope.indexOf(':') + 1)}`;
}

/** The scope of a team id as older records stored it (`sc:dong-da` → `subtree:dong-da`). */
export function scopeOfTeamId(role: EventRole, teamId: string): string {
  return scopeFor(role, teamId.slice(teamId.indexOf(':') + 1));
}
