import type { Deadline } from '../../machines/domain.js';
import type { Engine } from '../engine/engine.types.js';
import { SYSTEM_PRINCIPAL } from '../domain/index.js';
import { alertPointsOf } from '../deadlines/alert-points.js';
import type { AlertStore } from './alert-store.js';
import type { Alert, DigestContent } from './alert.schema.js';
import { recipientsFor, type UnitLineage } from './recipients.js';

export interface DigestDeps {
  engine: Pick<Engine, 'scanDeadlineSets' | 'getUnit' | 'ancestors' | 'progress'>;
  alerts: AlertStore;
}

type Status = 'overdue' | 'atRisk';

/** Overdue once due; at risk once its first reminder has passed; otherwise not worth a digest line. */
function statusOf(deadline: Deadline, now: number): Status | null {
  if (Date.parse(deadline.dueAt) <= now) return 'overdue';
  const first = Math.min(...deadline.reminders.map((r) => Date.parse(r.at)));
  return first <= now ? 'atRisk' : null;
}

/** Supervisor teams concerned by a deadline: everyone on its ladder or told of it, except the unit itself. */
function supervisorTeams(unitId: string, deadline: Deadline, lineage: UnitLineage): string[] {
  const teams = alertPointsOf(unitId, deadline).flatMap((p) =>
    recipientsFor(p.point, deadline.owner, lineage),
  );
  return [...new Set(teams.filter((t) => !t.startsWith('unit:')))];
}

function emptyDigest(team: string): DigestContent {
  return { team, overdue: [], atRisk: [], progress: [] };
}

async function lineageOf(engine: DigestDeps['engine'], unitId: string): Promise<UnitLineage> {
  const [view, ancestors] = await Promise.all([
    engine.getUnit(unitId, SYSTEM_PRINCIPAL),
    engine.ancestors(unitId),
  ]);
  return { unit: view.unit, ancestors };
}

/** Collects overdue and at-risk deadlines per supervisor team from the stored open deadline sets. */
async function collectEntries(
  deps: DigestDeps,
  now: Date,
  digests: Map<string, DigestContent>,
): Promise<void> {
  const digestOf = (team: string) => digests.get(team) ?? digests.set(team, emptyDigest(team)).get(team)!;
  for await (const set of deps.engine.scanDeadlineSets()) {
    const flagged = set.deadlines.flatMap((d) => {
      const status = statusOf(d, now.getTime());
      return status === null ? [] : [{ d, status }];
    });
    if (flagged.length === 0) continue;
    const lineage = await lineageOf(deps.engine, set.unitId);
    for (const { d, status } of flagged) {
      const entry = { unitId: set.unitId, kind: d.kind, dueAt: d.dueAt };
      for (const team of supervisorTeams(set.unitId, d, lineage)) digestOf(team)[status].push(entry);
    }
  }
}

type Entry = DigestContent['overdue'][number];

/** Most urgent first; ties by unit then kind, so a digest reads the same however the scan ran. */
function byDueThenUnit(a: Entry, b: Entry): number {
  return a.dueAt.localeCompare(b.dueAt) || a.unitId.localeCompare(b.unitId) || a.kind.localeCompare(b.kind);
}

/** A standing committee's scope is its unit's subtree; working groups have no subtree roll-up. */
async function progressOf(engine: DigestDeps['engine'], team: string): Promise<DigestContent['progress']> {
  if (!team.startsWith('sc:')) return [];
  const rows = await engine.progress(team.slice(3), SYSTEM_PRINCIPAL);
  return rows.map(({ level, block, done, total, percent }) => ({ level, block, done, total, percent }));
}

/**
 * Builds the digest of every supervisor team that has something to look at or has received alerts:
 * overdue units, at-risk units (first reminder passed) and, for standing committees, the progress
 * of their subtree.
 */
export async function buildDigests(deps: DigestDeps, now: Date): Promise<DigestContent[]> {
  const digests = new Map<string, DigestContent>();
  for (const team of await deps.alerts.teams())
    if (!team.startsWith('unit:')) digests.set(team, emptyDigest(team));
  await collectEntries(deps, now, digests);
  const sorted = [...digests.values()].sort((a, b) => a.team.localeCompare(b.team));
  for (const digest of sorted) {
    digest.overdue.sort(byDueThenUnit);
    digest.atRisk.sort(byDueThenUnit);
    digest.progress = await progressOf(deps.engine, digest.team);
  }
  return sorted;
}

/** `digest|<team>|<tick ms>`: one digest per team per scheduler tick, however often the tick runs. */
export function digestId(team: string, tickMs: number): string {
  return `digest|${encodeURIComponent(team)}|${tickMs}`;
}

/**
 * Builds the digests as of `now` and records them under the tick's ids; returns the alerts newly
 * written. A retried tick writes nothing twice.
 */
export async function recordDigests(deps: DigestDeps, tick: Date, now: Date): Promise<Alert[]> {
  const written: Alert[] = [];
  for (const digest of await buildDigests(deps, now)) {
    const alert: Alert = {
      id: digestId(digest.team, tick.getTime()),
      type: 'digest',
      unitId: null,
      recipients: [digest.team],
      fireAt: tick.toISOString(),
      createdAt: now.toISOString(),
      digest,
    };
    if (await deps.alerts.record(alert)) written.push(alert);
  }
  return written;
}
