import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Which webhook URLs may be used. By default a webhook may not reach the server's own network: no
 * loopback, link-local (cloud metadata at 169.254.169.254), private, shared or reserved address, and no
 * credentials in the URL (they would end up in logs and dead letters). `allowHosts` (WEBHOOK_ALLOW_HOSTS)
 * names hosts exempt from both rules, for receivers that really live inside.
 */
export interface WebhookPolicy {
  allowHosts: readonly string[];
}

export const STRICT_WEBHOOK_POLICY: WebhookPolicy = { allowHosts: [] };

const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');

/** IPv4 written inside IPv6 (`::ffff:127.0.0.1`), which reaches the IPv4 host. */
const MAPPED_V4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for an address a webhook must not reach (see WebhookPolicy). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = MAPPED_V4.exec(address)?.[1];
  if (mapped !== undefined) return isForbiddenAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL's host as compared with the allow list and resolved: lower case, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** True when WEBHOOK_ALLOW_HOSTS lists `host` (as hostOf gives it). */
export function isAllowedHost(policy: WebhookPolicy, host: string): boolean {
  return policy.allowHosts.some((h) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1') === host);
}

/** The refusal of a URL whose host is or resolves to a forbidden address (`what` says which). */
export function forbiddenAddressProblem(what: string): string {
  return `must not point to a loopback, link-local or private address (${what}); list the host in WEBHOOK_ALLOW_HOSTS if the receiver really lives there`;
}

/** The URL with any credentials blanked, for messages and dead letters. */
export function redactWebhookUrl(url: URL): string {
  const copy = new URL(url);
  if (copy.username !== '') copy.username = '***';
  if (copy.password !== '') copy.password = '***';
  return copy.toString();
}

/** What the policy says against `url` without resolving its name, or null when nothing. */
export function webhookUrlProblem(url: URL, policy: WebhookPolicy): string | null {
  const host = hostOf(url);
  if (isAllowedHost(policy, host)) return null;
  if (url.username !== '' || url.password !== '')
    return 'must not carry credentials (user:password@); sign-in is by the webhook secret';
  if (isForbiddenAddress(host)) return forbiddenAddressProblem(host);
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) that resolves as usual but refuses a name resolving to a forbidden
 * address (unless `host` is allowed). Checking the very addresses the socket then connects to leaves no
 * gap for a name that changes between a check and the connection.
 */
export function guardedLookup(policy: WebhookPolicy, host: string) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((a) => isForbiddenAddress(a.address));
      if (bad !== undefined && !isAllowedHost(policy, host)) {
        const refusal = new Error(
          `it ${forbiddenAddressProblem(`${hostname} resolves to ${bad.address}`)}`,
        ) as NodeJS.ErrnoException;
        refusal.code = 'EWEBHOOKFORBIDDEN';
        return callback(refusal, []);
      }
      const all = (options as { all?: boolean }).all === true;
      if (all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
