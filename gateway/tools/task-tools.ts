import type { TaskListQuery } from '../../schemas/task-query.ts';
import type { Task } from '../../schemas/task.ts';
import { toolInputSchemas, type ToolInput, type ToolName } from '../../schemas/tools.ts';
import type { ProfileService } from '../services/profile-service.ts';
import type { TaskService } from '../services/task-service.ts';

/** What the tools act on: the user's tasks, and their own profile (the time zone). */
export interface ToolServices {
  tasks: TaskService;
  profiles: ProfileService;
}

export interface ToolDefinition<N extends ToolName> {
  name: N;
  description: string;
  /** Changes existing tasks: shown as such to MCP clients; the chat agent confirms bulk use. */
  destructive: boolean;
  /** Only reads (MCP's readOnlyHint). */
  readOnly: boolean;
  run: (services: ToolServices, userId: string, input: ToolInput<N>) => Promise<ToolResult>;
}

export interface ToolResult {
  /** One line for people. */
  summary: string;
  /** The affected tasks, in full. */
  tasks: Task[];
  /** The profile's time zone after a set_time_zone. */
  time_zone?: string;
}

const one =
  (summary: string) =>
  (task: Task): ToolResult => ({ summary: `${summary}: “${task.title}”`, tasks: [task] });

const describeDue = (task: Task) => (task.due_at ? ` due ${task.due_at}` : '');

/** The task tools, defined once for the chat agent and the MCP server. */
export const taskTools: { [N in ToolName]: ToolDefinition<N> } = {
  add_task: {
    name: 'add_task',
    description:
      'Create a task with optional priority, tags, due date-time, reminders and recurrence.',
    destructive: false,
    readOnly: false,
    run: async ({ tasks: service }, userId, input) => {
      const task = await service.create(userId, input);
      return { summary: `Added “${task.title}”${describeDue(task)}`, tasks: [task] };
    },
  },
  list_tasks: {
    name: 'list_tasks',
    description:
      'List or search the user’s tasks with filters (status, priority, tags, due range, overdue, recurring), free text and sorting.',
    destructive: false,
    readOnly: true,
    run: async ({ tasks: service }, userId, input) => {
      const query: TaskListQuery = {
        ...input,
        due_from: input.due_from,
        due_to: input.due_to,
        q: input.q,
        sort: input.sort ?? 'due',
        order: input.order ?? 'asc',
        limit: input.limit ?? 20,
        tags_mode: input.tags_mode ?? 'any',
      };
      const page = await service.list(userId, query);
      return {
        summary: `${page.items.length} task${page.items.length === 1 ? '' : 's'}`,
        tasks: page.items,
      };
    },
  },
  get_task: {
    name: 'get_task',
    description: 'Get one task by id.',
    destructive: false,
    readOnly: true,
    run: async ({ tasks: service }, userId, input) =>
      one('Task')(await service.get(userId, input.task_id)),
  },
  update_task: {
    name: 'update_task',
    description:
      'Change a task’s title, description, status, priority, tags, due date-time or time zone; for a recurring task, of the whole series (default) or of this occurrence only.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, { task_id, scope, ...patch }) =>
      one('Updated')(await service.update(userId, task_id, patch, undefined, scope)),
  },
  complete_task: {
    name: 'complete_task',
    description: 'Mark a task done. A recurring task gets its next occurrence.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, input) =>
      one('Completed')(await service.complete(userId, input.task_id)),
  },
  reopen_task: {
    name: 'reopen_task',
    description: 'Mark a completed task as not done again.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, input) =>
      one('Reopened')(await service.reopen(userId, input.task_id)),
  },
  delete_task: {
    name: 'delete_task',
    description:
      'Delete a task for good. For a recurring task: only this occurrence (default; the series goes on) or, with scope "series", this and every later one.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, input) =>
      one(input.scope === 'series' ? 'Deleted the series' : 'Deleted')(
        await service.remove(userId, input.task_id, undefined, input.scope),
      ),
  },
  skip_task: {
    name: 'skip_task',
    description:
      'Skip this occurrence of a recurring task: it is closed as skipped and the series moves on to the next one.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, input) =>
      one('Skipped')(await service.skip(userId, input.task_id)),
  },
  set_reminder: {
    name: 'set_reminder',
    description: 'Set the reminders of a task (replacing the ones it has).',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, { task_id, reminders, reminder_offset }) =>
      one('Reminders set')(
        await service.update(userId, task_id, {
          reminders: reminders ?? [],
          ...(reminder_offset ? { reminder_offset } : {}),
        }),
      ),
  },
  set_recurrence: {
    name: 'set_recurrence',
    description:
      'Make a task repeat (structured rule or RFC 5545 RRULE), or stop it repeating with null.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, { task_id, recurrence }) =>
      one('Recurrence set')(await service.update(userId, task_id, { recurrence })),
  },
  snooze_reminder: {
    name: 'snooze_reminder',
    description:
      'Snooze a reminder: it fires once more after `for` (e.g. PT10M) or at `until`, at most 30 days ahead. A reminder that has not fired yet is moved.',
    destructive: true,
    readOnly: false,
    run: async ({ tasks: service }, userId, { task_id, reminder_id, ...choice }) =>
      one('Reminder snoozed')(
        await service.snoozeReminder(
          userId,
          task_id,
          reminder_id,
          choice.for !== undefined ? { for: choice.for } : { until: choice.until! },
        ),
      ),
  },
  set_time_zone: {
    name: 'set_time_zone',
    description:
      'Change the user’s own time zone (their profile’s), e.g. when they travel: dates they say and the times they are shown are then on that clock.',
    destructive: false,
    readOnly: false,
    run: async ({ profiles }, userId, input) => {
      const profile = await profiles.setTimeZone(userId, input.time_zone);
      return {
        summary: `Time zone set to ${profile.time_zone}`,
        tasks: [],
        time_zone: profile.time_zone,
      };
    },
  },
};

/** Validates raw arguments against the tool's schema, then runs it. */
export async function runTool(
  services: ToolServices,
  userId: string,
  name: ToolName,
  args: unknown,
): Promise<ToolResult> {
  const input = toolInputSchemas[name].parse(args);
  const tool = taskTools[name] as ToolDefinition<ToolName>;
  return tool.run(services, userId, input as never);
}
