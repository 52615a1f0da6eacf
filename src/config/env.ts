import { z } from 'zod';
import { trustProxySchema } from './trust-proxy.js';

/** `"1"`, `"true"`, `"yes"` → true; `"0"`, `"false"`, `"no"`, empty → false. */
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['1', 'true', 'yes'].includes(v)));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Every environment variable the processes read, with its default. README's configuration table
 * mirrors this schema; keep them in step.
 */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    CONGRESS_LOCAL_REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    CONGRESS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-" only')
      .default('cg'),
    CONGRESS_REDIS_DIR: z.string().min(1).default('var/redis'),
    CONGRESS_WORKERS: flag(true),
    CONGRESS_DEMO: flag(true),
    CONGRESS_INSPECT: flag(false),
    CONGRESS_INSPECT_URL: z.url({ protocol: /^wss?$/ }).default('ws://localhost:8080'),
    RATE_LIMIT_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: positiveInt(1_200),
    AUTH_FAILURES_PER_MINUTE: positiveInt(60),
    AUTH_FAILURES_PER_TOKEN_PER_MINUTE: positiveInt(10),
    TRUST_PROXY: trustProxySchema,
    REDIS_COMMAND_TIMEOUT_MS: positiveInt(2_000),
    REQUEST_TIMEOUT_MS: positiveInt(30_000),
    SHUTDOWN_TIMEOUT_MS: positiveInt(8_000),
    SSE_MAX_PER_TOKEN: positiveInt(5),
    SSE_MAX_PER_PROCESS: positiveInt(1_000),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb')
      .default('1mb'),
    WEBHOOK_ALLOW_HOSTS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((h) => h.trim())
          .filter((h) => h !== ''),
      ),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CONGRESS_TOKEN: z.string().min(1).optional(),
    /** Signs session cookies; required unless CONGRESS_DEMO (which then draws one per process). */
    CONGRESS_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_ABSOLUTE_HOURS: positiveInt(12),
    CONGRESS_RULES_FILE: z.string().min(1).optional(),
    /** OpenID Connect sign-in (optional): the provider, and this server's client registered there. */
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The ID token claim holding the account's username. */
    OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
    /** The callback registered at the provider, when the one derived from the request is not it (behind a proxy). */
    OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  // Half an OIDC configuration would leave a sign-in button that cannot work: all three or none.
  .superRefine((env, ctx) => {
    const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const missing = oidc.filter((name) => env[name] === undefined);
    const issuer = env.OIDC_ISSUER === undefined ? null : new URL(env.OIDC_ISSUER);
    // openid-client refuses plain HTTP except for a provider on this machine (oidc-client.ts).
    if (issuer?.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname))
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'https required (http only on localhost)',
      });
    if (missing.length === 0 || missing.length === oidc.length) return;
    for (const name of missing)
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `required with ${oidc.join(', ')} (all or none)`,
      });
  });

export type Env = z.infer<typeof envSchema>;

/** The environment does not parse; the message names every offending variable. */
export class InvalidEnvironmentError extends Error {
  override name = 'InvalidEnvironmentError';
}

/** Parses `source` (default `process.env`); throws one readable message naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`FOO=`) means "not set", as shells and compose files commonly produce them.
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new InvalidEnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
}
