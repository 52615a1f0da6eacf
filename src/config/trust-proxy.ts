import { isIP } from 'node:net';
import { z } from 'zod';

/** A value of Express's `trust proxy` setting: nobody or everybody, a hop count, or addresses. */
export type TrustProxy = boolean | number | string;

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (NAMED.has(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (isIP(bits) === 4) return true; // a netmask such as 255.255.255.0
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * TRUST_PROXY in Express's trust-proxy syntax: `false` (the default: X-Forwarded-For is ignored and the
 * client address is the socket's), `true` (trust every proxy: only behind one that overwrites the
 * header), a hop count (`1`), or a comma-separated list of addresses, subnets and the names
 * `loopback`, `linklocal`, `uniquelocal`.
 */
export const trustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = (raw ?? 'false').trim();
    if (value === 'false' || value === '') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const items = value.split(',').map((item) => item.trim());
    const bad = items.filter((item) => !isAddressOrSubnet(item));
    if (bad.length === 0) return items.join(',');
    ctx.addIssue({
      code: 'custom',
      message: `not an address, subnet, hop count, true/false, loopback, linklocal or uniquelocal: ${bad.join(', ')}`,
    });
    return z.NEVER;
  });
