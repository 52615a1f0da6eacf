import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  accountCreateSchema,
  accountSchema,
  assignmentRequestSchema,
  assignmentSchema,
} from '../auth/account.schema.js';
import { problemSchema } from './response.schemas.js';
import { passwordResetSchema } from './accounts.routes.js';
import { chooseAssignmentSchema, signInSchema } from './session.routes.js';

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});
const body = (schema: z.ZodType) => ({ body: { content: { 'application/json': { schema } } } });

const accountView = accountSchema.omit({ passwordHash: true }).meta({ id: 'Account' });
const sessionView = z
  .object({
    account: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
    assignments: z.array(assignmentSchema),
    assignmentId: z
      .string()
      .nullable()
      .meta({ description: 'The assignment requests act through by default' }),
    csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token on every state-changing request' }),
    expiresAt: z.string().meta({ description: 'The absolute end (SESSION_ABSOLUTE_HOURS after sign-in)' }),
  })
  .meta({ id: 'Session' });
const username = z.object({ username: z.string() });

/** Bearer token, or the session cookie with X-CSRF-Token on writes. */
const secured = { security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[] };
const refusals = {
  401: problem('Not signed in, session ended (`session_expired`) or token expired (`token_expired`)'),
  403: problem('Outside the admin’s scope, or X-CSRF-Token missing (`csrf_failed`)'),
  404: problem('No such account or assignment'),
};

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** Which ways of signing in are offered, and OpenID Connect sign-in (a browser navigation, not an API call). */
function registerOidcPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/session/options',
    summary: 'Public: which ways of signing in this server offers',
    responses: {
      200: json(z.object({ password: z.boolean(), oidc: z.boolean() }), '`oidc` is true when OIDC_* are set'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/session/oidc',
    summary: 'Start signing in with the organisation’s OpenID Connect provider (only when OIDC_* are set)',
    description:
      'Keeps state, nonce and a PKCE verifier in a session cookie and redirects to the provider. ' +
      'The callback URL is OIDC_REDIRECT_URL, else this path + `/callback` as the browser reached it.',
    responses: {
      303: { description: 'To the provider’s authorization endpoint' },
      429: html('Too many failed sign-ins from this address'),
      503: html('The provider does not answer (`oidc_unavailable`)'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/session/oidc/callback',
    summary: 'Where the provider sends the browser back: signs in the existing account with that username',
    description:
      'Exchanges the code (state, nonce and PKCE checked), reads OIDC_USERNAME_CLAIM from the ID token ' +
      '(else from userinfo) and signs in the existing, enabled account with that username, as ' +
      '`POST /session` does. Never creates an account. Refusals are pages in Vietnamese and English.',
    request: { query: z.object({ code: z.string().optional(), state: z.string().optional() }) },
    responses: {
      303: { description: 'Signed in: to the dashboard (`/?signin=oidc`), which reads GET /session' },
      401: html('No sign-in under way, state mismatch, provider refusal, or no account with that username'),
      403: html('The account is disabled'),
      429: html('Too many failed sign-ins from this address; Retry-After'),
    },
  });
}

/** Sessions (sign-in with an account) and account administration. */
export function registerAccountPaths(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'congress.sid',
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/session',
    summary: 'Sign in with username and password; sets the HttpOnly session cookie',
    request: body(signInSchema),
    responses: {
      201: json(sessionView, 'Signed in'),
      401: problem('Wrong username or password'),
      403: problem('Account disabled'),
      422: problem('Invalid body'),
      429: problem('Account locked (`account_locked`) or too many failures from this address; Retry-After'),
    },
  });
  registerOidcPaths(registry);
  registry.registerPath({
    method: 'get',
    path: '/api/v1/session',
    summary: 'The signed-in account, its assignments and CSRF token',
    ...secured,
    responses: { 200: json(sessionView, 'Session'), ...refusals },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/session',
    summary: 'Choose the assignment requests act through (X-Assignment-Id overrides it per request)',
    ...secured,
    request: body(chooseAssignmentSchema),
    responses: { 200: json(sessionView, 'Session'), ...refusals },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/session',
    summary: 'Sign out',
    ...secured,
    responses: {
      200: json(
        z.object({
          providerSignOutUrl: z.url().meta({
            description: 'Send the browser here so the OpenID Connect provider ends its session too',
          }),
        }),
        'Signed out of a session begun at the OpenID Connect provider, which publishes an end-session endpoint',
      ),
      204: { description: 'Signed out' },
      ...refusals,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/accounts',
    summary: 'Accounts within the caller’s scope (admin: all; account_admin: its subtree)',
    ...secured,
    responses: { 200: json(z.object({ accounts: z.array(accountView) }), 'Accounts'), ...refusals },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/accounts',
    summary: 'Create an account (an account admin must give its first assignment, inside its subtree)',
    ...secured,
    request: body(accountCreateSchema),
    responses: {
      201: json(accountView, 'Created'),
      ...refusals,
      409: problem('Username taken'),
      422: problem('Invalid body'),
    },
  });
  for (const action of ['disable', 'enable'])
    registry.registerPath({
      method: 'post',
      path: `/api/v1/accounts/{username}/${action}`,
      summary:
        action === 'disable' ? 'Disable: ends its sessions and revokes its tokens at once' : 'Enable again',
      ...secured,
      request: { params: username },
      responses: { 200: json(z.object({ account: accountView }).loose(), 'Done'), ...refusals },
    });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/accounts/{username}/password',
    summary: 'Set a new password; ends the account’s sessions',
    ...secured,
    request: { params: username, ...body(passwordResetSchema) },
    responses: { 200: json(accountView, 'Reset'), ...refusals, 422: problem('Password too short') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/accounts/{username}/assignments',
    summary: 'Add an assignment (role and scope, as tokens carry them)',
    ...secured,
    request: { params: username, ...body(assignmentRequestSchema) },
    responses: { 201: json(accountView, 'Assigned'), ...refusals, 422: problem('Role and scope do not fit') },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/accounts/{username}/assignments/{assignmentId}',
    summary: 'Remove an assignment',
    ...secured,
    request: { params: username.extend({ assignmentId: z.string() }) },
    responses: { 200: json(accountView, 'Unassigned'), ...refusals },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/admin-log/verify',
    summary: 'Check the hash chain of the administration log (admin)',
    ...secured,
    responses: {
      200: json(
        z.object({
          entries: z.number(),
          ok: z.boolean(),
          firstBrokenSeq: z.number().optional(),
          reason: z.string().optional(),
        }),
        'Report',
      ),
      ...refusals,
    },
  });
}
