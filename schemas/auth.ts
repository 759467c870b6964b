import { z } from 'zod';
import { textSchema } from './text.ts';
import { emailSchema } from './email.ts';
import { timeZoneSchema } from './time-zone.ts';

const email = emailSchema.transform((value) => value.toLowerCase());
const password = z.string().min(8, 'at least 8 characters').max(128);

export const signupInputSchema = z.strictObject({
  email,
  password,
  display_name: textSchema().trim().min(1).max(100).regex(/\S/, 'must not be blank').optional(),
  time_zone: timeZoneSchema.optional(),
});
export type SignupInput = z.infer<typeof signupInputSchema>;

export const loginInputSchema = z.strictObject({ email, password: z.string().min(1).max(128) });
const refreshToken = z.string().min(20).max(200);
export const refreshInputSchema = z.strictObject({ refresh_token: refreshToken });
/** Log-out presents the session's refresh token, as refresh does. */
export const logoutInputSchema = refreshInputSchema;

export const changePasswordInputSchema = z.strictObject({
  current_password: z.string().min(1).max(128),
  new_password: password,
  /** The caller's own session, which stays; every other session ends. */
  refresh_token: refreshToken.optional(),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInputSchema>;

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), email: z.string() }),
  token_type: z.literal('Bearer'),
  access_token: z.string(),
  /** Seconds until the access token expires. */
  expires_in: z.number().int(),
  refresh_token: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** The query of the link in a verification mail. */
export const verifyEmailQuerySchema = z.object({ token: z.string().min(1).max(2048) });

/** Where an address stands: the answer to following a verification link, or asking for one. */
export const emailVerificationStateSchema = z.object({
  email: z.string().nullable(),
  email_verified: z.boolean(),
});
export type EmailVerificationState = z.infer<typeof emailVerificationStateSchema>;
