import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ZodError } from 'zod';
import { toolInputSchemas, toolNames } from '../../schemas/tools.ts';
import { ApiError } from '../errors.ts';
import { runTool, taskTools, type ToolServices } from '../tools/task-tools.ts';

/** A tool failure as the model or person reading it needs it: what went wrong, and which field. */
export function describeToolError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fields?.map((field) => `${field.path}: ${field.message}`).join('; ');
    return `${error.code}: ${error.message}${fields ? ` (${fields})` : ''}`;
  }
  if (error instanceof ZodError)
    return `validation_failed: ${error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`;
  return 'internal_error: the tool failed, try again';
}

/**
 * An MCP server offering the task tools (and the time-zone one) to one authenticated user. Tool errors (invalid input,
 * unknown task, conflicts) come back as tool results with isError, never as protocol errors.
 */
export function createTaskMcpServer(services: ToolServices, userId: string): McpServer {
  const server = new McpServer({ name: 'todo-chatbot', version: '1.0.0' });
  for (const name of toolNames) {
    const tool = taskTools[name];
    server.registerTool(
      name,
      {
        description: tool.description,
        inputSchema: toolInputSchemas[name],
        annotations: {
          destructiveHint: tool.destructive,
          readOnlyHint: tool.readOnly,
          openWorldHint: false,
        },
      },
      async (args: unknown) => {
        try {
          const result = await runTool(services, userId, name, args);
          return {
            content: [
              {
                type: 'text' as const,
                text: `${result.summary}\n${JSON.stringify(result.tasks, null, 2)}`,
              },
            ],
            structuredContent: {
              summary: result.summary,
              tasks: result.tasks,
              ...(result.time_zone ? { time_zone: result.time_zone } : {}),
            },
          };
        } catch (error) {
          return {
            isError: true,
            content: [{ type: 'text' as const, text: describeToolError(error) }],
          };
        }
      },
    );
  }
  return server;
}
