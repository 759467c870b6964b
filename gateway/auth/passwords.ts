import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

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
 * Hashes running at once per process. Each holds 128 MiB: the libuv pool (4 threads) would
 * otherwise hold 512 MiB, the whole memory limit of a gateway pod. Others wait their turn.
 */
const CONCURRENT_HASHES = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_HASHES) await new Promise<void>((turn) => waiting.push(turn));
  else running += 1;
  try {
    return await work();
  } finally {
    // The finished hash hands its slot on directly, so `running` only counts real work.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const derive = (password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> =>
  inTurn(
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
