import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook delivery. */
export const WEBHOOK_HEADERS = {
  signature: 'x-congress-signature',
  timestamp: 'x-congress-timestamp',
  delivery: 'x-congress-delivery',
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<raw body>`). */
export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `sha256=${mac}`;
}

export interface VerifyWebhookInput {
  secret: string;
  /** The request body exactly as received, before any JSON parsing. */
  rawBody: string;
  /** Value of `X-Congress-Signature`. */
  signature: string | undefined;
  /** Value of `X-Congress-Timestamp` (Unix seconds). */
  timestamp: string | undefined;
  /** Reject deliveries older or newer than this many seconds (replay protection); default 300. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * For receivers: true when the signature matches the body and timestamp and the timestamp is recent.
 * Compares in constant time. De-duplicate on `X-Congress-Delivery` (the alert id): retries resend it.
 */
export function verifyWebhookSignature(input: VerifyWebhookInput): boolean {
  const { secret, rawBody, signature, timestamp } = input;
  if (signature === undefined || timestamp === undefined || !/^\d+$/.test(timestamp)) return false;
  const seconds = Number(timestamp);
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - seconds) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhookBody(secret, seconds, rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
