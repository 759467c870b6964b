import type { ChatResponse } from '../../../schemas/chat.ts';
import { api } from '../core/api.ts';
import { h } from '../core/dom.ts';
import { problemText } from './toasts.ts';

/**
 * The chat: one conversation per page load; `changed` runs after a turn that wrote something,
 * so the list follows at once (live events would bring it too, a moment later).
 */
export function chatPanel(changed: () => void): HTMLElement {
  let conversationId: string | undefined;
  // Focusable: the log scrolls, and a keyboard must be able to scroll it.
  const log = h('ol', {
    class: 'chat-log',
    'aria-live': 'polite',
    'aria-label': 'Conversation',
    tabindex: 0,
  });
  const input = h('input', {
    id: 'chat-input',
    autocomplete: 'off',
    placeholder: 'add pay rent on the 1st of every month #home',
  });
  const form = h(
    'form',
    { class: 'chat-form' },
    h('label', { for: 'chat-input', class: 'visually-hidden' }, 'Message'),
    input,
    h('button', { type: 'submit' }, 'Send'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    input.value = '';
    log.append(h('li', { class: 'from-user' }, message));
    try {
      const reply = await api<ChatResponse>('POST', '/chat', {
        message,
        ...(conversationId ? { conversation_id: conversationId } : {}),
      });
      conversationId = reply.conversation_id;
      log.append(h('li', { class: 'from-agent' }, reply.reply));
      if (reply.tool_calls.some((call) => call.name !== 'list_tasks')) changed();
    } catch (failure) {
      log.append(h('li', { class: 'from-agent error' }, problemText(failure)));
    }
    log.lastElementChild?.scrollIntoView({ block: 'end' });
  });
  return h(
    'section',
    { class: 'chat', 'aria-labelledby': 'chat-title' },
    h('h2', { id: 'chat-title' }, 'Chat'),
    log,
    form,
  );
}
