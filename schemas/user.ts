import { z } from 'zod';
import { textSchema } from './text.ts';
import { emailSchema } from './email.ts';
import { storedTimeZoneSchema, timeZoneSchema } from './time-zone.ts';
import { callerSchema } from './task-actor.ts';

export const USER_ACTOR_TYPE = 'UserActor';

/** What the UserActor keeps: who the user is and how they want to be reached. */
export const profileSchema = z.object({
  user_id: z.string(),
  display_name: z.string(),
  email: z.string().nullable(),
  /**
   * Whether the owner of `email` followed the link mailed to it. Only a verified address gets
   * reminder mail. Profiles saved before this field existed read as unverified.
   */
  email_verified: z.boolean().default(false),
  time_zone: storedTimeZoneSchema,
  notifications: z.object({ email: z.boolean() }),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

/**
 * Counted from the events, each once (the audit worker counts the events it writes), so a
 * count costs a write path nothing.
 */
export const userCountersSchema = z.object({
  tasks_created: z.number().int().nonnegative(),
  tasks_completed: z.number().int().nonnegative(),
  tasks_deleted: z.number().int().nonnegative(),
  /** Occurrences of a series closed as skipped (asked for, or missed with `missed: skip`). */
  tasks_skipped: z.number().int().nonnegative(),
});
export type UserCounters = z.infer<typeof userCountersSchema>;

/** The profile as the API answers it: the actor's, with the counters. */
export const userProfileSchema = profileSchema.extend({ counters: userCountersSchema });
export type UserProfile = z.infer<typeof userProfileSchema>;

export const updateProfileInputSchema = z
  .strictObject({
    display_name: textSchema().trim().min(1).max(100).regex(/\S/, 'must not be blank'),
    email: emailSchema.nullable(),
    time_zone: timeZoneSchema,
    notifications: z.strictObject({ email: z.boolean() }),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'an update must change at least one field')
  .meta({ minProperties: 1 });
export type UpdateProfileInput = z.infer<typeof updateProfileInputSchema>;

export const userActorCalls = {
  getProfile: z.object({
    caller: callerSchema,
    /** The caller keeps the zone under a lease (actors/user/zone-lease.ts). */
    lease_zone: z.boolean().optional(),
  }),
  updateProfile: z.object({ caller: callerSchema, patch: updateProfileInputSchema }),
  /** The address a verification link was mailed to; confirmed only if it is still the profile's. */
  confirmEmail: z.object({ caller: callerSchema, email: z.string() }),
} as const;
export type UserActorMethod = keyof typeof userActorCalls;
export type UserActorCall<M extends UserActorMethod> = z.input<(typeof userActorCalls)[M]>;

export const userActorResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    profile: profileSchema,
    /** The fields this call changed (updateProfile), so that callers act on a new address only. */
    changed: z.array(z.string()).optional(),
  }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum([
        'forbidden',
        'validation_failed',
        'verification_address_changed',
        'invalid_call',
      ]),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  }),
]);
export type UserActorResult = z.infer<typeof userActorResultSchema>;
