import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's names for address ranges (proxy-addr), usable in a list beside addresses. */
const presets = ['loopback', 'linklocal', 'uniquelocal'];

function entryProblem(entry: string): string | undefined {
  if (presets.includes(entry)) return undefined;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0)
    return `"${entry}" is no address, CIDR or ${presets.join('/')}`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  return /^\d+$/.test(prefix) && bits <= max
    ? undefined
    : `"${entry}" has a prefix length outside 0..${max}`;
}

/**
 * TRUST_PROXY: which proxies in front of the gateway are believed about the client's address
 * (X-Forwarded-For), and so what `request.ip` is — the key of the per-address rate limits.
 * Either a hop count (`1`: the one proxy in front, e.g. the ingress controller) or a
 * comma-separated list of addresses, CIDRs and presets (`loopback, 10.0.0.0/8`). Trusting
 * every proxy (`true`) is not offered: any client could then name any address.
 */
export const trustProxySchema = z
  .string()
  .trim()
  .default('loopback')
  .transform((value, context): number | string[] => {
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length === 0) {
      context.addIssue({ code: 'custom', message: 'a hop count or a list of proxies' });
      return z.NEVER;
    }
    for (const problem of entries.map(entryProblem).filter(Boolean)) {
      context.addIssue({ code: 'custom', message: problem! });
    }
    return entries;
  });
export type TrustProxy = z.infer<typeof trustProxySchema>;
