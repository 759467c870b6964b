import type { z } from 'zod';
import type { Logger } from '../../platform/logger.ts';
import {
  profileSchema,
  userActorCalls,
  type Profile,
  type UserActorCall,
  type UserActorResult,
} from '../../schemas/user.ts';
import {
  operatorInspectCallSchema,
  type ActorHost,
  type OperatorInspectCall,
  type OperatorInspectionResult,
} from '../../schemas/operator.ts';
import type { StateStore } from '../actor-runtime.ts';
import { inTurn, TurnActor } from '../turn.ts';
import { invalidCall } from '../invalid-call.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { confirmEmail, defaultProfile, updateProfile } from './profile.ts';
import { LeaseGrants } from './zone-lease.ts';

export interface UserActorDependencies {
  logger: Logger;
  /** Its sidecar: of the actor runtime (actors/actor-runtime.ts), it needs the state only. */
  runtime: StateStore;
  /** This process, as operators see it (schemas/operator.ts). */
  host: ActorHost;
  now?: () => Date;
}

const PROFILE = 'profile';

/**
 * One actor per user: profile, time zone, notification preferences. It is called by the gateway
 * and by TaskActors, and never calls a TaskActor itself (no reentrancy cycles). The user's
 * counters are not here: they are counted from the events (see schemas/user.ts), which keeps
 * this actor off the path of every task write.
 */
export function createUserActor(deps: UserActorDependencies) {
  const now = () => (deps.now ?? (() => new Date()))().toISOString();

  return class UserActor extends TurnActor {
    protected readonly stateStore = deps.runtime;
    private readonly zoneLeases = new LeaseGrants();

    async getProfile(call: UserActorCall<'getProfile'>): Promise<UserActorResult> {
      const parsed = this.parse('getProfile', call);
      if (!parsed.ok) return parsed.result;
      return inTurn(this, async () => {
        const profile = await this.load();
        if (parsed.value.lease_zone) this.zoneLeases.grant();
        return { ok: true, profile };
      });
    }

    // Writes are saved inside the turn (not by the SDK after it), so a failed save is a failed
    // turn: see inTurn.
    async updateProfile(call: UserActorCall<'updateProfile'>): Promise<UserActorResult> {
      const parsed = this.parse('updateProfile', call);
      if (!parsed.ok) return parsed.result;
      return inTurn(this, async () => {
        const before = await this.load();
        const { profile, changed } = updateProfile(before, parsed.value.patch, now());
        this.write(PROFILE, profile);
        await this.save();
        // Answered only once no actor host can still use the old zone (see zone-lease.ts); the
        // turns queued meanwhile read the new one.
        if (profile.time_zone !== before.time_zone) await sleep(this.zoneLeases.outstandingMs());
        return { ok: true, profile, changed };
      });
    }

    async confirmEmail(call: UserActorCall<'confirmEmail'>): Promise<UserActorResult> {
      const parsed = this.parse('confirmEmail', call);
      if (!parsed.ok) return parsed.result;
      return inTurn(this, async () => {
        const current = await this.load();
        const confirmed = confirmEmail(current, parsed.value.email, now());
        if (!confirmed.ok)
          return {
            ok: false,
            error: {
              code: 'verification_address_changed',
              message: 'the link was sent to an address this account no longer has',
            },
          };
        if (confirmed.profile !== current) {
          this.write(PROFILE, confirmed.profile);
          await this.save();
        }
        return { ok: true, profile: confirmed.profile };
      });
    }

    /**
     * For operators (schemas/operator.ts): the profile as stored, whoever's it is, and which host
     * holds the actor. Read-only: a user never seen has no state (no default profile is made up).
     * Only the gateway's operator route calls it.
     */
    async operatorInspect(call: OperatorInspectCall): Promise<OperatorInspectionResult> {
      const parsed = operatorInspectCallSchema.safeParse(call);
      if (!parsed.success) return invalidCall(parsed.error);
      return inTurn(this, async () => {
        deps.logger.info('operator inspection', {
          operator: parsed.data.operator.user_id,
          correlation_id: parsed.data.operator.correlation_id,
        });
        const stored = await this.read<unknown>(PROFILE);
        return {
          ok: true,
          host: deps.host,
          state: stored ? profileSchema.parse(stored) : null,
          // A UserActor registers no reminders and keeps no outbox.
          scheduled_reminders: [],
          pending_effects: [],
        };
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

    private async load(): Promise<Profile> {
      const value = await this.read<unknown>(PROFILE);
      // Parsed, so that what earlier versions kept beside the profile (counters) stays behind.
      return value ? profileSchema.parse(value) : defaultProfile(this.getActorId().getId(), now());
    }
  };
}
