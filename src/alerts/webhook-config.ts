import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ValidationError } from '../shared/errors.js';
import { alertKeys } from './alert-keys.js';
import { teamIdSchema } from './alert.schema.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  forbiddenAddressProblem,
  hostOf,
  isAllowedHost,
  isForbiddenAddress,
  STRICT_WEBHOOK_POLICY,
  webhookUrlProblem,
  type WebhookPolicy,
} from './webhook-policy.js';

/** Where a team wants its alerts posted, and the secret that signs them. */
export const webhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(16, 'use a secret of at least 16 characters'),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** Per-team webhook configuration stored in Redis. */
export interface WebhookConfigStore {
  /** Validates and stores (or replaces) a team's webhook; invalid input is refused and changes nothing. */
  setWebhook(team: string, config: WebhookConfig): Promise<void>;
  removeWebhook(team: string): Promise<boolean>;
  getWebhook(team: string): Promise<WebhookConfig | null>;
  /** Configs of several teams at once, in order (null where a team has none). */
  getWebhooks(teams: readonly string[]): Promise<(WebhookConfig | null)[]>;
}

function parse(raw: string | null): WebhookConfig | null {
  return raw === null ? null : webhookConfigSchema.parse(JSON.parse(raw));
}

/**
 * Why `url` may not be a webhook under `policy`, resolving its name; null when it may. A name that
 * does not resolve now is left to delivery, which checks every connection and retries.
 */
async function urlProblem(url: URL, policy: WebhookPolicy): Promise<string | null> {
  const host = hostOf(url);
  const literal = webhookUrlProblem(url, policy);
  if (literal !== null || isAllowedHost(policy, host) || isIP(host) !== 0) return literal;
  const addresses = await lookup(host, { all: true }).catch(() => []);
  const bad = addresses.find((a) => isForbiddenAddress(a.address));
  return bad === undefined ? null : forbiddenAddressProblem(`${host} is ${bad.address}`);
}

/**
 * Webhook configurations of the teams under `prefix`. A URL the policy forbids (see webhook-policy.ts)
 * is refused here, and again at each delivery.
 */
export function createWebhookConfigStore(
  redis: Redis,
  prefix: string,
  policy: WebhookPolicy = STRICT_WEBHOOK_POLICY,
): WebhookConfigStore {
  const keys = alertKeys(prefix);
  const input = z.object({ team: teamIdSchema, config: webhookConfigSchema });
  return {
    async setWebhook(team, config) {
      const parsed = input.safeParse({ team, config });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new ValidationError('invalid webhook configuration', issues);
      }
      const problem = await urlProblem(new URL(parsed.data.config.url), policy);
      if (problem !== null)
        throw new ValidationError(`invalid webhook configuration: the url ${problem}`, [
          { path: 'config.url', message: problem },
        ]);
      await redis.set(keys.webhook(team), JSON.stringify(parsed.data.config));
    },
    async removeWebhook(team) {
      return (await redis.del(keys.webhook(team))) === 1;
    },
    async getWebhook(team) {
      return parse(await redis.get(keys.webhook(team)));
    },
    async getWebhooks(teams) {
      if (teams.length === 0) return [];
      return (await redis.mget(...teams.map((t) => keys.webhook(t)))).map(parse);
    },
  };
}
