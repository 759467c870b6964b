import {
  USER_ACTOR_TYPE,
  userActorResultSchema,
  type UserActorCall,
  type Profile,
} from '../schemas/user.ts';
import type { ActorClient } from './actor-client.ts';

export class UserActorClient {
  constructor(private readonly actors: ActorClient) {}

  async call<M extends 'getProfile' | 'updateProfile'>(
    userId: string,
    method: M,
    body: UserActorCall<M>,
  ): Promise<Profile> {
    const { profile } = await this.actors.call(
      USER_ACTOR_TYPE,
      userId,
      method,
      body,
      userActorResultSchema,
    );
    return profile;
  }
}
