import type { Engine, OrgUnit, Principal } from '../engine/engine.types.js';
import type { TokenStore } from '../auth/token-store.js';
import type { TokenRequest } from '../auth/principal.schema.js';

/** One printed demo token. */
export interface DemoToken {
  label: string;
  token: string;
  request: TokenRequest;
}

/** One token per role, scoped to representative units of the demo tree. */
function demoTokenRequests(units: OrgUnit[]): TokenRequest[] {
  const district = units.find((u) => u.level === 'district') ?? units.find((u) => u.parentId === null);
  const cell = units.find((u) => u.level === 'cell') ?? units.at(-1);
  const group = units.find((u) => u.level === 'base' && u.workingGroup !== null)?.workingGroup;
  if (district === undefined || cell === undefined)
    throw new Error('the demo tree needs a district and a cell');
  const requests: TokenRequest[] = [
    { role: 'admin', label: 'demo administrator' },
    { role: 'secretary', unitId: cell.id, label: `secretary of ${cell.name} (${cell.id})` },
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

/** Imports the demo tree and issues one token per role; the tokens are returned for printing once. */
export async function seedDemo(
  engine: Engine,
  tokens: TokenStore,
  units: OrgUnit[],
  admin: Principal,
): Promise<{ units: number; tokens: DemoToken[] }> {
  await engine.importTree({ format: 'json', content: JSON.stringify(units) }, admin);
  const issued: DemoToken[] = [];
  for (const request of demoTokenRequests(units)) {
    const { token } = await tokens.create(request);
    issued.push({ label: request.label ?? request.role, token, request });
  }
  return { units: units.length, tokens: issued };
}

/** The block printed at start-up: one line per role with its token. */
export function formatDemoTokens(seeded: { units: number; tokens: DemoToken[] }): string {
  const width = Math.max(...seeded.tokens.map((t) => t.request.role.length));
  return [
    `Loaded the demo district (${seeded.units} units). Tokens (shown once; keep them):`,
    ...seeded.tokens.map((t) => `  ${t.request.role.padEnd(width)}  ${t.token}  ${t.label}`),
  ].join('\n');
}
