/**
 * Webhooks cannot be aimed at the server's own network: loopback, link-local and private addresses
 * (given literally or behind a name) and URLs with credentials are refused unless WEBHOOK_ALLOW_HOSTS
 * lists the host, both when configured and when delivered; redirects are never followed.
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertKeys } from '../../src/alerts/alert-keys.js';
import { createWebhookConfigStore } from '../../src/alerts/webhook-config.js';
import { postWebhook, WebhookDeliveryError } from '../../src/alerts/webhook-delivery.js';
import { ValidationError } from '../../src/shared/errors.js';
import { createTestRedis } from '../support/redis.js';
import { buildAlert } from './support/build-alert.js';
import { startReceiver } from './support/webhook-receiver.js';

const SECRET = 'team-secret-0123456789';

let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('webhook-policy'));
});
afterEach(async () => cleanup());

describe('configuring a webhook', () => {
  const refused = [
    'http://127.0.0.1/hook',
    'http://127.255.255.254/hook',
    'http://localhost:8080/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.0/hook',
    'http://172.31.255.255/hook',
    'http://192.168.1.20/hook',
    'http://100.64.0.1/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/hook',
    'http://[::1]/hook',
    'http://[fe80::1]/hook',
    'http://[fd12:3456::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'https://user:pass@hooks.example.org/hook',
  ];
  it.each(refused)(
    'when the URL is %s, then it is refused naming WEBHOOK_ALLOW_HOSTS or the credentials, and nothing is stored',
    async (url) => {
      const configs = createWebhookConfigStore(redis, prefix);
      const error = await configs.setWebhook('wg:wg-1', { url, secret: SECRET }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(/WEBHOOK_ALLOW_HOSTS|credentials/);
      expect(await redis.keys(`${prefix}:*`)).toEqual([]);
    },
  );

  it.each([
    'http://172.15.255.255/hook',
    'http://172.32.0.0/hook',
    'http://100.63.255.255/hook',
    'https://203.0.113.9/hook',
  ])('when the URL is the public address %s, then it is stored', async (url) => {
    const configs = createWebhookConfigStore(redis, prefix);
    await configs.setWebhook('wg:wg-1', { url, secret: SECRET });
    expect(await configs.getWebhook('wg:wg-1')).toEqual({ url, secret: SECRET });
  });

  it('when WEBHOOK_ALLOW_HOSTS lists the host, then a loopback URL, even with credentials, is stored', async () => {
    const configs = createWebhookConfigStore(redis, prefix, { allowHosts: ['localhost', '[::1]'] });
    await configs.setWebhook('wg:wg-1', { url: 'http://u:p@localhost:9/hook', secret: SECRET });
    await configs.setWebhook('wg:wg-2', { url: 'http://[::1]:9/hook', secret: SECRET });
    expect((await configs.getWebhook('wg:wg-1'))?.url).toBe('http://u:p@localhost:9/hook');
    expect((await configs.getWebhook('wg:wg-2'))?.url).toBe('http://[::1]:9/hook');
  });
});

describe('delivering to a webhook', () => {
  it('when a stored URL names a host that resolves to loopback, then delivery is refused for good and nothing is sent', async () => {
    const receiver = await startReceiver([200]);
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    // Stored before the policy (or by hand): delivery checks again, on the address it would connect to.
    await redis.set(alertKeys(prefix).webhook('wg:wg-1'), JSON.stringify({ url, secret: SECRET }));
    const config = (await createWebhookConfigStore(redis, prefix).getWebhook('wg:wg-1'))!;
    const error = await postWebhook(config, 'wg:wg-1', buildAlert()).catch((e: unknown) => e);
    await receiver.close();
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect((error as WebhookDeliveryError).permanent).toBe(true);
    expect((error as Error).message).toMatch(/localhost resolves to 127\.0\.0\.1/);
    expect(receiver.received).toEqual([]);
  });

  it('when the same host is allowed, then the alert is delivered', async () => {
    const receiver = await startReceiver([204]);
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    await postWebhook({ url, secret: SECRET }, 'wg:wg-1', buildAlert(), {
      policy: { allowHosts: ['localhost'] },
    });
    await receiver.close();
    expect(receiver.received).toHaveLength(1);
  });

  it('when the receiver redirects, then the redirect is not followed and the delivery fails for good', async () => {
    const target = await startReceiver([200]);
    const redirecting = await startReceiver([302], { Location: target.url });
    const policy = { allowHosts: ['127.0.0.1'] };
    const error = await postWebhook({ url: redirecting.url, secret: SECRET }, 'wg:wg-1', buildAlert(), {
      policy,
    }).catch((e: unknown) => e);
    await Promise.all([target.close(), redirecting.close()]);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect((error as WebhookDeliveryError).permanent).toBe(true);
    expect((error as Error).message).toMatch(/redirects are not followed/);
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });
});
