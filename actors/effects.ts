import { SCHEMA_VERSION, type EventEnvelope, type Topic } from '../schemas/events.ts';
import type { Task, UpdateTaskInput } from '../schemas/task.ts';

/**
 * What an actor turn must make happen outside its own state: publish events, keep scheduler
 * reminders in step with the state, ask another actor to do something. Effects are saved in the
 * same state transaction as the new state and removed only once done, so a crash between the two
 * loses nothing; they are retried on the next turn, on activation, and by a retry reminder.
 * Every effect is idempotent, because "done but not yet removed" is always possible.
 */
export type Effect =
  | { kind: 'publish'; topic: Topic; partitionKey: string; envelope: EventEnvelope }
  | { kind: 'sync_reminders' }
  | {
      kind: 'create_occurrence';
      taskId: string;
      dueAt: string;
      occurrenceIndex: number;
      parent: Task;
    }
  /**
   * Carries an edit or a delete with scope=series on to the occurrence the series had already
   * moved on to; that one carries it further the same way.
   */
  | {
      kind: 'series_call';
      taskId: string;
      userId: string;
      correlationId: string;
      call: { method: 'update'; patch: UpdateTaskInput } | { method: 'delete' };
    };

export interface EnvelopeMeta {
  eventId: string;
  occurredAt: string;
  userId: string;
  taskId: string;
  version: number;
  correlationId: string;
}

export function envelope(
  event: { type: string; data: unknown },
  meta: EnvelopeMeta,
): EventEnvelope {
  return {
    event_id: meta.eventId,
    schema_version: SCHEMA_VERSION,
    event_type: event.type,
    occurred_at: meta.occurredAt,
    user_id: meta.userId,
    task_id: meta.taskId,
    version: meta.version,
    correlation_id: meta.correlationId,
    data: event.data,
  };
}

export type PublishEffect = Extract<Effect, { kind: 'publish' }>;

export interface EffectRunner {
  /** Runs one effect other than a publication. */
  run(effect: Exclude<Effect, PublishEffect>): Promise<void>;
  /**
   * Publishes the events of one topic, in order, in as few calls as it can. Answers how many of
   * them, counted from the first, the broker acknowledged: an event is done only when every
   * event before it on the topic is, so a retry never lets a later event overtake an earlier one.
   */
  publish(topic: Topic, effects: readonly PublishEffect[]): Promise<number>;
}

/**
 * Effects that must keep their relative order share a lane: the events of one topic, the
 * scheduler calls, the occurrence calls. Lanes are independent of each other.
 */
export const laneOf = (effect: Effect): string =>
  effect.kind === 'publish' ? `publish:${effect.topic}` : effect.kind;

/**
 * Runs the lanes side by side and each lane in order, stopping a lane at its first failure so
 * that a partition never sees a later event of an aggregate before an earlier one. A topic's
 * events go to `publish` together (one bulk call per topic and turn).
 * Returns what is still pending, in the original order.
 */
export async function runEffects(
  effects: readonly Effect[],
  runner: EffectRunner,
): Promise<{ pending: Effect[]; error?: unknown }> {
  const lanes = new Map<string, number[]>();
  effects.forEach((effect, index) => {
    const lane = laneOf(effect);
    lanes.set(lane, [...(lanes.get(lane) ?? []), index]);
  });
  const done = new Set<number>();
  const errors: unknown[] = [];
  const publishLane = async (indexes: number[]) => {
    const lane = indexes.map((index) => effects[index] as PublishEffect);
    try {
      const acknowledged = await runner.publish(lane[0]!.topic, lane);
      indexes.slice(0, acknowledged).forEach((index) => done.add(index));
      if (acknowledged < indexes.length)
        errors.push(new Error(`${indexes.length - acknowledged} event(s) not acknowledged`));
    } catch (error) {
      errors.push(error);
    }
  };
  const runLane = async (indexes: number[]) => {
    for (const index of indexes) {
      try {
        await runner.run(effects[index] as Exclude<Effect, PublishEffect>);
        done.add(index);
      } catch (error) {
        errors.push(error);
        return;
      }
    }
  };
  await Promise.all(
    [...lanes.values()].map((indexes) =>
      effects[indexes[0]!]!.kind === 'publish' ? publishLane(indexes) : runLane(indexes),
    ),
  );
  const pending = effects.filter((_, index) => !done.has(index));
  return errors.length > 0 ? { pending, error: errors[0] } : { pending };
}
