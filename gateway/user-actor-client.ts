import {
  USER_ACTOR_TYPE,
  userActorResultSchema,
  type UserActorCall,
  type UserActorMethod,
  type Profile,
} from '../schemas/user.ts';
import type { ActorClient } from './actor-client.ts';

export class UserActorClient {
  constructor(private readonly actors: ActorClient) {}

  async call<M extends UserActorMethod>(
    userId: string,
    method: M,
    body: UserActorCall<M>,
  ): Promise<Profile> {
    return (await this.result(userId, method, body)).profile;
  }

  /** An update, and which fields it changed (a changed address needs a verification mail). */
  async update(
    userId: string,
    body: UserActorCall<'updateProfile'>,
  ): Promise<{ profile: Profile; changed: string[] }> {
    const { profile, changed } = await this.result(userId, 'updateProfile', body);
    return { profile, changed: changed ?? [] };
  }

  private result<M extends UserActorMethod>(userId: string, method: M, body: UserActorCall<M>) {
    return this.actors.call(USER_ACTOR_TYPE, userId, method, body, userActorResultSchema);
  }
}
