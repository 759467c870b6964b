import type { GatewayConfig } from '../config.ts';
import type { ChatEngine } from './engine.ts';
import { OfflineChatEngine } from './offline/offline-engine.ts';
import { OpenAiChatEngine } from './openai-engine.ts';

/** The language model when one is configured, the offline engine otherwise. */
export function chatEngine(
  config: Pick<GatewayConfig, 'CHAT_LLM_BASE_URL' | 'CHAT_LLM_API_KEY' | 'CHAT_LLM_MODEL'>,
): ChatEngine {
  if (config.CHAT_LLM_BASE_URL) {
    return new OpenAiChatEngine({
      baseUrl: config.CHAT_LLM_BASE_URL,
      apiKey: config.CHAT_LLM_API_KEY,
      model: config.CHAT_LLM_MODEL,
    });
  }
  return new OfflineChatEngine();
}
