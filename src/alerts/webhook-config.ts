import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ValidationError } from '../shared/errors.js';
import { alertKeys } from './alert-keys.js';
import { teamIdSchema } from './alert.schema.js';

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

export function createWebhookConfigStore(redis: Redis, prefix: string): WebhookConfigStore {
  const keys = alertKeys(prefix);
  const input = z.object({ team: teamIdSchema, config: webhookConfigSchema });
  return {
    async setWebhook(team, config) {
      const parsed = input.safeParse({ team, config });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new ValidationError('invalid webhook configuration', issues);
      }
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
