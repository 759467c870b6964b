import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { APP_IDS } from '../app-ids.ts';

/**
 * Who is calling an actor, as a short-lived signed statement (docs/SECURITY.md, "The mesh").
 *
 * An actor call's body says which user it is for (`caller.user_id`), and anything that can reach
 * a sidecar could say any user. So the process that authenticated the person (the gateway), or a
 * service acting on an event (the notifier) or on its own behalf (the actor host), signs each call
 * with its own Ed25519 key: who signs (`iss`, the signer's app id), for whom (`sub`, absent for a
 * service's own call), for which actor method (`act`) and for which body (`bh`). The actor host
 * holds only public keys: taking it over does not let anyone speak for the gateway elsewhere.
 */
export const ASSERTION_AUDIENCE = APP_IDS.actors;
/** Long enough for a call queued behind an actor's turn, short enough to be useless when copied. */
export const ASSERTION_SECONDS = 60;
/** Clock skew tolerated between replicas on different hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Field of the call body that carries the assertion. */
export const ASSERTION_FIELD = 'assertion';

export interface ActorTarget {
  actorType: string;
  actorId: string;
  method: string;
}

const targetOf = (target: ActorTarget) => `${target.actorType}/${target.actorId}/${target.method}`;

/**
 * A digest of the body as JSON. Both ends serialise with JSON.stringify, and a JSON round trip of
 * what JSON.stringify wrote gives the same text back, so the digest survives the sidecars.
 */
export const bodyHash = (body: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(body) ?? '')
    .digest('base64url');

const claimsSchema = z.object({
  iss: z.string().min(1),
  sub: z.string().min(1).optional(),
  act: z.string().min(1),
  bh: z.string().min(1),
});
export type AssertionClaims = z.infer<typeof claimsSchema>;

/** Signs actor calls as one app: the gateway, the notifier, the actor host. */
export class CallerSigner {
  private readonly key: KeyObject;

  constructor(
    readonly issuer: string,
    privateKeyPem: string,
  ) {
    this.key = createPrivateKey(privateKeyPem);
    if (this.key.asymmetricKeyType !== 'ed25519') {
      throw new Error('the caller signing key must be an Ed25519 private key (PKCS#8 PEM)');
    }
  }

  /** The assertion for one call; `subject` is the user the call is for, if any. */
  sign(
    target: ActorTarget,
    body: unknown,
    subject: string | undefined,
    now = new Date(),
  ): Promise<string> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const jwt = new SignJWT({ act: targetOf(target), bh: bodyHash(body) })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: this.issuer })
      .setIssuer(this.issuer)
      .setAudience(ASSERTION_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_SECONDS);
    if (subject !== undefined) jwt.setSubject(subject);
    return jwt.sign(this.key);
  }
}

export type RefusalReason =
  | 'missing'
  | 'malformed'
  | 'unknown_signer'
  | 'bad_signature'
  | 'expired'
  | 'wrong_target'
  | 'wrong_body'
  | 'not_permitted'
  | 'wrong_user';

export class AssertionRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly issuer?: string,
  ) {
    super(`caller assertion refused: ${reason}`);
    this.name = 'AssertionRefused';
  }
}

/** Public keys by signer app id, from `CALLER_TRUSTED_KEYS` (a JSON object of SPKI PEMs). */
export const trustedKeysSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), z.string().min(1)));

/** Checks assertions against the signers it trusts. */
export class CallerVerifier {
  private readonly keys: Map<string, KeyObject>;

  constructor(publicKeys: Record<string, string>) {
    this.keys = new Map(
      Object.entries(publicKeys).map(([issuer, pem]) => {
        const key = createPublicKey(pem);
        if (key.asymmetricKeyType !== 'ed25519') {
          throw new Error(`the public key of ${issuer} must be an Ed25519 key`);
        }
        return [issuer, key];
      }),
    );
  }

  /** The verified claims, or AssertionRefused saying why not. */
  async verify(
    assertion: unknown,
    target: ActorTarget,
    body: unknown,
    now = new Date(),
  ): Promise<AssertionClaims> {
    if (assertion === undefined) throw new AssertionRefused('missing');
    if (typeof assertion !== 'string' || assertion.length > 4096) {
      throw new AssertionRefused('malformed');
    }
    let claims: AssertionClaims;
    let issuer: string | undefined;
    try {
      const { payload } = await jwtVerify(
        assertion,
        (header) => {
          issuer = header.kid;
          const key = header.kid === undefined ? undefined : this.keys.get(header.kid);
          if (!key) throw new AssertionRefused('unknown_signer', header.kid);
          return key;
        },
        {
          algorithms: ['EdDSA', 'Ed25519'],
          audience: ASSERTION_AUDIENCE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: now,
          maxTokenAge: ASSERTION_SECONDS + CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['iss', 'exp', 'iat'],
        },
      );
      const parsed = claimsSchema.safeParse(payload);
      // The key was chosen by `kid`: the issuer inside must be the same signer.
      if (!parsed.success || parsed.data.iss !== issuer) throw new AssertionRefused('malformed');
      claims = parsed.data;
    } catch (error) {
      if (error instanceof AssertionRefused) throw error;
      if (error instanceof errors.JWTExpired) throw new AssertionRefused('expired', issuer);
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new AssertionRefused('bad_signature', issuer);
      }
      throw new AssertionRefused('malformed', issuer);
    }
    if (claims.act !== targetOf(target)) throw new AssertionRefused('wrong_target', claims.iss);
    if (claims.bh !== bodyHash(body)) throw new AssertionRefused('wrong_body', claims.iss);
    return claims;
  }
}
