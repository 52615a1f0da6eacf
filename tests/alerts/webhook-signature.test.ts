import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from '../../src/alerts/webhook-signature.js';

const secret = 'a-very-secret-secret';
const now = new Date('2025-07-01T00:00:00.000Z');
const ts = Math.floor(now.getTime() / 1000);
const body = '{"delivery":"x"}';

describe('webhook signature', () => {
  it('when body, timestamp and secret match, then the signature verifies', () => {
    const signature = signWebhookBody(secret, ts, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, rawBody: body, signature, timestamp: String(ts), now })).toBe(
      true,
    );
  });

  it('when the body, timestamp or secret differ, then it does not verify', () => {
    const signature = signWebhookBody(secret, ts, body);
    const base = { secret, rawBody: body, signature, timestamp: String(ts), now };
    expect(verifyWebhookSignature({ ...base, rawBody: `${body} ` })).toBe(false);
    expect(verifyWebhookSignature({ ...base, timestamp: String(ts + 1) })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: `${secret}x` })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...base, signature: 'sha256=00' })).toBe(false);
  });

  it('when the timestamp is older than the tolerance, then it does not verify (replay protection)', () => {
    const old = ts - 301;
    const signature = signWebhookBody(secret, old, body);
    expect(verifyWebhookSignature({ secret, rawBody: body, signature, timestamp: String(old), now })).toBe(
      false,
    );
    expect(
      verifyWebhookSignature({
        secret,
        rawBody: body,
        signature,
        timestamp: String(old),
        now,
        toleranceSeconds: 600,
      }),
    ).toBe(true);
  });
});
