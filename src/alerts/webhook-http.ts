import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, hostOf, type WebhookPolicy } from './webhook-policy.js';

/** The receiver's answer, or why there was none (`refused`: the policy forbade the address it resolved to). */
export type PostOutcome =
  | { kind: 'answered'; status: number }
  | { kind: 'unreachable'; message: string }
  | { kind: 'refused'; message: string };

/**
 * POSTs `body` to `url` with node:http(s): the connection goes only to addresses the policy allows
 * (checked as the name is resolved), and redirects are never followed (a 3xx is returned as it is).
 * Resolves once the answer's status is known; the answer's body is discarded.
 */
export function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { policy: WebhookPolicy; timeoutMs: number },
): Promise<PostOutcome> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.policy, hostOf(url)),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ kind: 'answered', status: res.statusCode ?? 0 });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const kind = error.code === 'EWEBHOOKFORBIDDEN' ? 'refused' : 'unreachable';
      resolve({ kind, message: error.message });
    });
    req.end(body);
  });
}
