import { z } from 'zod';

/**
 * An e-mail address as mail systems take it: at most 254 characters, a local part of at most 64
 * (RFC 5321). The limits are in the pattern too, so that the published schema says them.
 */
export const emailSchema = z
  .email()
  .max(254)
  .regex(/^[^@]{1,64}@/, 'the part before @ is at most 64 characters');
