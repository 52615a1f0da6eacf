import type { Engine } from '../engine/engine.types.js';
import type { OrgUnit, Principal } from '../domain/index.js';
import type { TokenStore } from '../auth/token-store.js';
import type { TokenRequest } from '../auth/principal.schema.js';
import { randomBytes } from 'node:crypto';
import type { AccountAdmin } from '../auth/account-admin.js';
import type { AssignmentRequest } from '../auth/account.schema.js';
import type { ProcedureActors } from './procedure-driver.js';
import { demoStraggler, driveDemoToReportDay, REPORT_DAY } from './report-day.js';

/** The people who acted in the demo's history: each unit's secretary and the committee above it. */
function demoActors(admin: Principal): ProcedureActors {
  return {
    reader: admin,
    secretaryOf: (unitId) => ({ id: `demo-secretary-${unitId}`, role: 'secretary', unitId }),
    committeeOf: (subtreeOf) => ({
      id: `demo-committee-${subtreeOf}`,
      role: 'standing_committee',
      subtreeOf,
    }),
  };
}

/** One printed demo token. */
export interface DemoToken {
  label: string;
  token: string;
  request: TokenRequest;
}

/**
 * One token per role, scoped to representative units of the demo tree: the secretary and the working
 * group are the straggler's (the one unit with work left to do), the committees the district's.
 */
function demoTokenRequests(units: OrgUnit[], straggler: OrgUnit): TokenRequest[] {
  const district = units.find((u) => u.level === 'district') ?? units.find((u) => u.parentId === null);
  const group = straggler.workingGroup;
  if (district === undefined) throw new Error('the demo tree needs a district');
  const requests: TokenRequest[] = [
    { role: 'admin', label: 'demo administrator' },
    { role: 'secretary', unitId: straggler.id, label: `secretary of ${straggler.name} (${straggler.id})` },
    {
      role: 'standing_committee',
      subtreeOf: district.id,
      label: `standing committee of ${district.name} (${district.id})`,
    },
    {
      role: 'inspection',
      subtreeOf: district.id,
      label: `inspection delegation of ${district.name} (${district.id})`,
    },
    { role: 'auditor', subtreeOf: district.id, label: `auditor of ${district.name} (${district.id})` },
  ];
  if (group != null)
    requests.splice(2, 0, { role: 'working_group', workingGroup: group, label: `working group ${group}` });
  return requests;
}

/** One printed demo account. */
export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  label: string;
}

/**
 * One account per role with the same scopes as the tokens, plus an account admin of the district:
 * `demo-<role>` (dashes for underscores), each with a random password.
 */
async function createDemoAccounts(accounts: AccountAdmin, requests: TokenRequest[], admin: Principal) {
  const district = requests.find((r) => r.role === 'standing_committee')?.subtreeOf;
  const all: {
    role: AssignmentRequest['role'];
    unitId?: string;
    workingGroup?: string;
    subtreeOf?: string;
    label?: string;
  }[] = [...requests];
  if (district !== undefined)
    all.push({ role: 'account_admin', subtreeOf: district, label: `account admin of ${district}` });
  const made: DemoAccount[] = [];
  for (const { label, role, unitId, workingGroup, subtreeOf } of all) {
    const username = `demo-${role.replaceAll('_', '-')}`;
    const password = randomBytes(9).toString('base64url');
    const assignment = JSON.parse(
      JSON.stringify({ role, unitId, workingGroup, subtreeOf }),
    ) as AssignmentRequest;
    await accounts.create(admin, { username, displayName: label ?? role, password, assignment });
    made.push({ username, password, role, label: label ?? role });
  }
  return made;
}

/**
 * Imports the demo tree, drives it to the source report's day (cells 834/834, base 81/82, the district
 * blocked by the straggler) and issues one token per role (and, given `accounts`, one account per
 * role); tokens and passwords are returned for printing once.
 */
export async function seedDemo(
  engine: Engine,
  tokens: TokenStore,
  units: OrgUnit[],
  admin: Principal,
  accounts?: AccountAdmin,
): Promise<{ units: number; tokens: DemoToken[]; accounts: DemoAccount[] }> {
  await engine.importTree({ format: 'json', content: JSON.stringify(units) }, admin);
  await driveDemoToReportDay(engine, units, demoActors(admin));
  const issued: DemoToken[] = [];
  const requests = demoTokenRequests(units, demoStraggler(units));
  for (const request of requests) {
    const { token } = await tokens.create(request);
    issued.push({ label: request.label ?? request.role, token, request });
  }
  const people = accounts ? await createDemoAccounts(accounts, requests, admin) : [];
  return { units: units.length, tokens: issued, accounts: people };
}

/** The block printed at start-up: one line per role with its token, then one per account with its password. */
export function formatDemoTokens(seeded: {
  units: number;
  tokens: DemoToken[];
  accounts?: DemoAccount[];
}): string {
  const width = Math.max(...seeded.tokens.map((t) => t.request.role.length), 13);
  const people = seeded.accounts ?? [];
  const userWidth = Math.max(0, ...people.map((a) => a.username.length));
  return [
    `Loaded the demo district (${seeded.units} units) as it stood on ${REPORT_DAY}. Tokens (shown once; keep them):`,
    ...seeded.tokens.map((t) => `  ${t.request.role.padEnd(width)}  ${t.token}  ${t.label}`),
    ...(people.length === 0
      ? []
      : [
          'Accounts for the dashboard (username and password, shown once; keep them):',
          ...people.map(
            (a) => `  ${a.role.padEnd(width)}  ${a.username.padEnd(userWidth)}  ${a.password}  ${a.label}`,
          ),
        ]),
  ].join('\n');
}
