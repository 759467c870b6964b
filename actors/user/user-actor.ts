import { AbstractActor } from '@dapr/dapr';
import type { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import {
  userActorCalls,
  type UserActorCall,
  type UserActorResult,
  type UserProfile,
} from '../../schemas/user.ts';
import { inTurn } from '../turn.ts';
import { invalidCall } from '../invalid-call.ts';
import { countEvent, defaultProfile, rememberEvent, updateProfile } from './profile.ts';

export interface UserActorDependencies {
  logger: Logger;
  now?: () => Date;
}

const PROFILE = 'profile';
const SEEN = 'seen-events';

/**
 * One actor per user: profile, time zone, notification preferences, counters. It is called by
 * the gateway and by TaskActors, and never calls a TaskActor itself (no reentrancy cycles).
 */
export function createUserActor(deps: UserActorDependencies) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();

  return class UserActor extends AbstractActor {
    async getProfile(call: UserActorCall<'getProfile'>): Promise<UserActorResult> {
      const parsed = this.parse('getProfile', call);
      if (!parsed.ok) return parsed.result;
      return inTurn(this, async () => ({ ok: true, profile: await this.load() }));
    }

    // Writes are saved inside the turn (not by the SDK after it), so a failed save is a failed
    // turn: see inTurn.
    async updateProfile(call: UserActorCall<'updateProfile'>): Promise<UserActorResult> {
      const parsed = this.parse('updateProfile', call);
      if (!parsed.ok) return parsed.result;
      return inTurn(this, async () => {
        const profile = updateProfile(await this.load(), parsed.value.patch, now());
        const stateManager = this.getStateManager<UserProfile>();
        await stateManager.setState(PROFILE, profile);
        await stateManager.saveState();
        return { ok: true, profile };
      });
    }

    async recordTaskEvent(call: UserActorCall<'recordTaskEvent'>): Promise<UserActorResult> {
      const parsed = this.parse('recordTaskEvent', call);
      if (!parsed.ok) return parsed.result;
      const { event_id, event_type } = parsed.value;
      return inTurn(this, async () => {
        const stateManager = this.getStateManager<unknown>();
        const [, seenValue] = await stateManager.tryGetState(SEEN);
        const seen = Array.isArray(seenValue) ? (seenValue as string[]) : [];
        const profile = await this.load();
        if (seen.includes(event_id)) return { ok: true, profile };
        const counted = countEvent(profile, event_type);
        await stateManager.setState(PROFILE, counted);
        await stateManager.setState(SEEN, rememberEvent(seen, event_id));
        await stateManager.saveState();
        return { ok: true, profile: counted };
      });
    }

    private parse<M extends keyof typeof userActorCalls>(
      method: M,
      call: unknown,
    ):
      | { ok: true; value: z.infer<(typeof userActorCalls)[M]> }
      | { ok: false; result: UserActorResult } {
      const parsed = userActorCalls[method].safeParse(call);
      if (!parsed.success) return { ok: false, result: invalidCall(parsed.error) };
      if (parsed.data.caller.user_id !== this.getActorId().getId()) {
        deps.logger.warn('user actor called for another user', {
          caller: parsed.data.caller.user_id,
        });
        return {
          ok: false,
          result: { ok: false, error: { code: 'forbidden', message: 'not your profile' } },
        };
      }
      return { ok: true, value: parsed.data as z.infer<(typeof userActorCalls)[M]> };
    }

    private async load(): Promise<UserProfile> {
      const [found, value] = await this.getStateManager<UserProfile>().tryGetState(PROFILE);
      return found && value ? value : defaultProfile(this.getActorId().getId(), now());
    }
  };
}
