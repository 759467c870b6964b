import type { Logger } from '../../platform/logger.ts';
import type { GatewayConfig } from '../config.ts';
import { ChatCompletionsClient } from './chat-completions.ts';
import type { ChatEngine } from './engine.ts';
import { OfflineChatEngine } from './offline/offline-engine.ts';
import { OpenAiChatEngine } from './openai-engine.ts';

/** The language model when one is configured, the offline engine otherwise. */
export function chatEngine(
  config: Pick<
    GatewayConfig,
    | 'CHAT_LLM_BASE_URL'
    | 'CHAT_LLM_API_KEY'
    | 'CHAT_LLM_MODEL'
    | 'CHAT_LLM_TIMEOUT_MS'
    | 'CHAT_LLM_MAX_ROUNDS'
    | 'CHAT_LLM_MAX_TOOL_CALLS'
  >,
  logger: Logger,
): ChatEngine {
  if (config.CHAT_LLM_BASE_URL) {
    return new OpenAiChatEngine({
      client: new ChatCompletionsClient({
        baseUrl: config.CHAT_LLM_BASE_URL,
        apiKey: config.CHAT_LLM_API_KEY,
        model: config.CHAT_LLM_MODEL,
        timeoutMs: config.CHAT_LLM_TIMEOUT_MS,
      }),
      maxRounds: config.CHAT_LLM_MAX_ROUNDS,
      maxToolCalls: config.CHAT_LLM_MAX_TOOL_CALLS,
      logger,
    });
  }
  return new OfflineChatEngine();
}
