/** HS256 keys shorter than its 256-bit output can be guessed offline from one token. */
export const MIN_JWT_SECRET_BYTES = 32;

export class WeakJwtSecretError extends Error {
  constructor(bytes: number) {
    super(
      `the secret jwt-secret has ${bytes} bytes, at least ${MIN_JWT_SECRET_BYTES} are required ` +
        '(generate one with `openssl rand -base64 48`)',
    );
  }
}

/** The secret, if long enough to sign access tokens with; throws otherwise. */
export function checkJwtSecret(secret: string): string {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_JWT_SECRET_BYTES) throw new WeakJwtSecretError(bytes);
  return secret;
}

/**
 * For a process starting up: a weak secret stops it with a clear message (never the secret),
 * printed and exiting as a broken configuration does (loadConfig), instead of serving tokens
 * anyone could forge.
 */
export function requireJwtSecret(secret: string): string {
  try {
    return checkJwtSecret(secret);
  } catch (error) {
    if (!(error instanceof WeakJwtSecretError)) throw error;
    console.error(`Refusing to start: ${error.message}`);
    process.exit(1);
  }
}
