/**
 * MCP over stdio for desktop clients: `TODO_API_URL=http://127.0.0.1:3000/api/v1
 * TODO_TOKEN=<access token> npx tsx gateway/mcp/stdio.ts`. The same tools as /mcp, reaching
 * the system through its REST API with the user's token.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { loadConfig } from '../../platform/config.ts';
import { RemoteTaskService } from '../services/remote-task-service.ts';
import { createTaskMcpServer } from './mcp-server.ts';

const config = loadConfig(
  z.object({
    TODO_API_URL: z.url().default('http://127.0.0.1:3000/api/v1'),
    TODO_TOKEN: z.string().min(20, 'set TODO_TOKEN to an access token (npm start prints one)'),
  }),
);
const remote = new RemoteTaskService(config.TODO_API_URL, config.TODO_TOKEN);
const server = createTaskMcpServer({ tasks: remote, profiles: remote }, 'token-user');
await server.connect(new StdioServerTransport());
