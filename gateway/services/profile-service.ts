import type { Profile } from '../../schemas/user.ts';
import { ActorClient } from '../actor-client.ts';
import type { UserActorClient } from '../user-actor-client.ts';

/** What the tools may change of the caller's own profile. */
export interface ProfileService {
  /** Sets the profile's time zone (a tzdb name, already canonical) and answers the profile. */
  setTimeZone(userId: string, timeZone: string): Promise<Profile>;
}

/** The profile kept by the user's UserActor, as PATCH /me changes it. */
export class ActorProfileService implements ProfileService {
  constructor(private readonly users: UserActorClient) {}

  async setTimeZone(userId: string, timeZone: string): Promise<Profile> {
    const caller = ActorClient.caller(userId);
    return (await this.users.update(userId, { caller, patch: { time_zone: timeZone } })).profile;
  }
}
