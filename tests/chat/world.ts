import { Temporal } from '@js-temporal/polyfill';
import {
  scopeQuery,
  type ChatContext,
  type ConversationState,
  type ExecutedToolCall,
} from '../../gateway/chat/engine.ts';
import { OfflineChatEngine } from '../../gateway/chat/offline/offline-engine.ts';
import { describeToolError } from '../../gateway/mcp/mcp-server.ts';
import { runTool } from '../../gateway/tools/task-tools.ts';
import type { Task } from '../../schemas/task.ts';
import type { ToolName } from '../../schemas/tools.ts';
import type { ProfileService } from '../../gateway/services/profile-service.ts';
import type { SeedTask } from './corpus.ts';
import { MemoryTaskService } from './memory-task-service.ts';

/** The evaluations' clock: Thursday 2026-11-26 11:00 in Berlin. */
export const NOW = new Date('2026-11-26T10:00:00Z');
export const ZONE = 'Europe/Berlin';
const USER = 'corpus-user';

/** An instant on the Berlin wall clock, to the minute: "2026-11-27T09:00". */
export const localOf = (instant: string) =>
  Temporal.Instant.from(instant)
    .toZonedDateTimeISO(ZONE)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });

export interface Turn {
  reply: string;
  calls: ExecutedToolCall[];
  state: ConversationState;
}

/** A user with seeded tasks talking to a fresh offline engine, all in memory. */
export class World {
  readonly service: MemoryTaskService;
  /** Tasks by title: the seeded ones and every one a tool call returned. */
  readonly byTitle = new Map<string, Task>();
  private readonly engine = new OfflineChatEngine();
  private state: ConversationState = { focus: [] };
  /** The profile's zone: what the next message is read in (set_time_zone changes it). */
  zone: string;

  constructor(zone = ZONE) {
    this.zone = zone;
    this.service = new MemoryTaskService(zone, () => NOW);
  }

  private readonly profiles: ProfileService = {
    setTimeZone: async (userId, timeZone) => {
      this.zone = timeZone;
      const at = NOW.toISOString();
      return {
        user_id: userId,
        display_name: 'Corpus User',
        email: null,
        email_verified: false,
        time_zone: timeZone,
        notifications: { email: false },
        created_at: at,
        updated_at: at,
      };
    },
  };

  static async seeded(seeds: readonly SeedTask[], zone = ZONE): Promise<World> {
    const world = new World(zone);
    for (const seed of seeds) {
      let task = await world.service.create(USER, {
        title: seed.title,
        description: '',
        status: 'pending',
        priority: 'medium',
        tags: seed.tags ?? [],
        due_at: seed.due_at ?? null,
        recurrence: seed.daily ? { frequency: 'daily', interval: 1, repeat_from: 'due' } : null,
      });
      if (seed.completed) task = await world.service.complete(USER, task.id);
      world.byTitle.set(task.title, task);
    }
    return world;
  }

  async say(message: string): Promise<Turn> {
    const calls: ExecutedToolCall[] = [];
    const context: ChatContext = {
      message,
      history: [],
      state: this.state,
      timeZone: this.zone,
      now: NOW,
      findTasks: async (scope) => (await this.service.list(USER, scopeQuery(scope))).items,
      getTask: async (id) => this.service.get(USER, id).catch(() => undefined),
      runTool: async (name: ToolName, args) => {
        const call = await this.run(name, args);
        calls.push(call);
        return call;
      },
    };
    const turn = await this.engine.respond(context);
    this.state = turn.state;
    return { reply: turn.reply, calls, state: turn.state };
  }

  private async run(name: ToolName, args: Record<string, unknown>): Promise<ExecutedToolCall> {
    try {
      const result = await runTool(
        { tasks: this.service, profiles: this.profiles },
        USER,
        name,
        args,
      );
      for (const task of result.tasks)
        if (!this.byTitle.has(task.title)) this.byTitle.set(task.title, task);
      return { name, arguments: args, ok: true, summary: result.summary, tasks: result.tasks };
    } catch (error) {
      return { name, arguments: args, ok: false, summary: describeToolError(error), tasks: [] };
    }
  }
}
