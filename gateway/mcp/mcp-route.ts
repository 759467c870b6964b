import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { Router } from 'express';
import { sendProblem } from '../middleware/problem.ts';
import { userOf } from '../middleware/authenticate.ts';
import type { ToolServices } from '../tools/task-tools.ts';
import { createTaskMcpServer } from './mcp-server.ts';

/**
 * The MCP endpoint (Streamable HTTP, stateless): every POST is authenticated by the bearer
 * token like any API call and served by a server scoped to that user's tasks.
 */
export function mcpRouter(services: ToolServices): Router {
  const router = Router();
  router.post('/', async (request, response) => {
    const server = createTaskMcpServer(services, userOf(request));
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, request.body);
  });
  // Stateless: no server-initiated stream and no session to end.
  router.all('/', (_request, response) => {
    response.setHeader('allow', 'POST');
    sendProblem(response, 'method_not_allowed', 'the MCP endpoint takes POST only');
  });
  return router;
}
