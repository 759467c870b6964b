import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { BoundedQueue } from '../../platform/bounded-queue.ts';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt with N = 2^17, r = 8, p = 1: OWASP's minimum, 128 MiB and a few hundred milliseconds
 * per hash. Hashes made with other parameters still verify (they are stored with the hash) and
 * are re-hashed with these on the next successful log-in.
 */
export const currentParams: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Twice what the current parameters need (128 · N · r · p), so that a raise fits too. */
const MAX_MEMORY = 2 * 128 * currentParams.N * currentParams.r * currentParams.p;
/**
 * Hashing is the one deliberately expensive thing a request can ask for, and log-in is open to
 * anyone. One hash at a time per process keeps it to one core's share whatever arrives (and to
 * 128 MiB: the libuv pool's four threads would hold 512 MiB, a gateway pod's whole limit); a
 * few may wait, and beyond that a request is refused at once with 503 and Retry-After instead of
 * queueing without end. Per-address limits and the per-account throttle keep honest users well
 * below that.
 */
export const hashing = new BoundedQueue('password hashing', 1, 16);

const derive = (password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  hashing.run(
    () =>
      new Promise((resolveKey, reject) =>
        scrypt(
          password.normalize('NFKC'),
          salt,
          KEY_LENGTH,
          { ...params, maxmem: MAX_MEMORY },
          (error, key) => (error ? reject(error) : resolveKey(key)),
        ),
      ),
  );

interface StoredHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parseStored(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(params).every((value) => Number.isSafeInteger(value) && value > 0))
    return undefined;
  return { params, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** `scrypt$N$r$p$salt$hash`, so that parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, currentParams);
  const { N, r, p } = currentParams;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made with other parameters than today's (then: hash it anew). */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N !== currentParams.N || r !== currentParams.r || p !== currentParams.p;
}

/**
 * A hash to verify against when the e-mail is unknown, so both answers take as long: made with
 * the current parameters, as every known account's hash is after its next log-in.
 */
export const decoyHash = await hashPassword(randomBytes(16).toString('hex'));
