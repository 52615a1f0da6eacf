import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRole } from '../../machines/domain.js';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { canSend } from '../../src/engine/access.js';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { startTestApp, ROLE_TOKENS, TREE, type RoleName, type TestApp } from './api-harness.js';
import { PASSWORD, startAccountsApp } from './accounts-harness.js';

/**
 * The access rules of ARCHITECTURE.md "Auth", written out independently of the engine: the event role a
 * principal acts in towards a unit inside its scope. Inspection, auditors and admins are read-only.
 */
const ACTS_AS: Record<RoleName, EventRole | null> = {
  secretary: 'secretary',
  working_group: 'working_group',
  standing_committee: 'standing_committee',
  inspection: null,
  auditor: null,
  admin: null,
};

/** For each role: a unit inside its scope and one outside (admin has no outside). */
const TARGETS: Record<RoleName, { inside: string; outside: string }> = {
  secretary: { inside: 'C1', outside: 'C2' },
  working_group: { inside: 'B1', outside: 'B2' },
  standing_committee: { inside: 'B1', outside: 'B3' },
  inspection: { inside: 'B1', outside: 'B3' },
  auditor: { inside: 'B1', outside: 'B3' },
  admin: { inside: 'B1', outside: 'B3' },
};

const EVENT_TYPES = Object.keys(EVENT_CATALOGUE);
const CASES = (Object.keys(TARGETS) as RoleName[]).flatMap((role) =>
  (['inside', 'outside'] as const).map((scope) => ({ role, scope })),
);

function expectedAllowed(role: RoleName, scope: 'inside' | 'outside', type: string): boolean {
  const actsAs = ACTS_AS[role];
  return scope === 'inside' && actsAs !== null && EVENT_CATALOGUE[type]!.roles.includes(actsAs);
}

/** How a request proves who it is: a bearer token, or a signed-in account's cookie with its CSRF header. */
type Sender = (role: RoleName, path: string) => supertest.Test;

async function bearerSetup(): Promise<{ t: TestApp; send: Sender }> {
  const t = await startTestApp({ rateLimitPerMinute: 100_000 });
  return { t, send: (role, path) => t.http().post(path).auth(t.token[role], { type: 'bearer' }) };
}

/** One account per role with the token's role and scope as its assignment, each signed in from its own browser. */
async function cookieSetup(): Promise<{ t: TestApp; send: Sender }> {
  const t = await startAccountsApp({ rateLimitPerMinute: 100_000 });
  const base = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
  const signedIn = {} as Record<RoleName, { agent: supertest.Agent; csrf: string }>;
  for (const [role, request] of Object.entries(ROLE_TOKENS) as [RoleName, (typeof ROLE_TOKENS)[RoleName]][]) {
    const username = `matrix-${role.replaceAll('_', '-')}`;
    await t.person(username, request);
    const agent = supertest.agent(base);
    const res = await agent.post('/api/v1/session').send({ username, password: PASSWORD }).expect(201);
    signedIn[role] = { agent, csrf: res.body.csrfToken as string };
  }
  return {
    t,
    send: (role, path) => signedIn[role].agent.post(path).set('X-CSRF-Token', signedIn[role].csrf),
  };
}

describe.each([
  { via: 'bearer tokens', setup: bearerSetup },
  { via: 'cookie sessions', setup: cookieSetup },
])('access matrix: every event type × role × scope over HTTP, with $via', ({ setup }) => {
  let t: TestApp;
  let send: Sender;
  beforeAll(async () => {
    ({ t, send } = await setup());
  });
  afterAll(async () => t.close());

  it('when the matrix is built, then every event type is sendable by some role in scope', () => {
    for (const type of EVENT_TYPES) {
      const senders = CASES.filter((c) => expectedAllowed(c.role, c.scope, type));
      const systemOnly = EVENT_CATALOGUE[type]!.roles.every((r) => r === 'system' || r === 'inspection');
      expect(senders.length > 0 || systemOnly, type).toBe(true);
    }
  });

  it.each(CASES)(
    'when $role sends each event to a unit $scope its scope, then 403 exactly when the rules forbid',
    async ({ role, scope }) => {
      const unitId = TARGETS[role][scope];
      const unit = TREE.find((u) => u.id === unitId)!;
      const ancestors = (await t.engine.ancestors(unitId)).map((u) => u.id);
      const principal = { id: 'matrix', ...ROLE_TOKENS[role] };
      const mismatches: string[] = [];
      for (const type of EVENT_TYPES) {
        const allowed = expectedAllowed(role, scope, type);
        expect(canSend(principal, unit, ancestors, type), `engine rule for ${type}`).toBe(allowed);
        const res = await send(role, `/api/v1/units/${unitId}/events`)
          .set('Idempotency-Key', `${role}-${scope}-${type}`)
          .send({ type, payload: {} });
        if ((res.status === 403) === allowed)
          mismatches.push(`${type}: ${res.status} (${allowed ? 'allowed' : 'forbidden'})`);
        if (allowed) expect([201, 409, 422], `${type} → ${res.status}`).toContain(res.status);
      }
      expect(mismatches).toEqual([]);
    },
  );
});
