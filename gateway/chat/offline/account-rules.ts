import type { ChatContext, EngineTurn } from '../engine.ts';
import { formatClockIn } from '../reply-format.ts';
import type { Rule } from './task-turns.ts';
import { readTimeZoneRequest } from './time-zone-request.ts';

/** The account: "I'm in Tokyo this week", "change my time zone to Asia/Kolkata". */

export async function changeTimeZone(context: ChatContext): Promise<EngineTurn | undefined> {
  const request = readTimeZoneRequest(context.message);
  if (!request) return undefined;
  if (request.kind === 'unknown')
    return {
      reply: `Which time zone is “${request.place}” in? Tell me a city, or a zone name such as Asia/Tokyo.`,
      state: context.state,
    };
  if (request.kind === 'ask')
    return {
      reply: `Which time zone in ${request.place}: ${request.options.join(', ')}?`,
      state: context.state,
    };
  const clock = formatClockIn(request.zone, context.now);
  if (request.zone === context.timeZone)
    return {
      reply: `Your time zone is ${request.zone} already: it’s ${clock} there.`,
      state: context.state,
    };
  const call = await context.runTool('set_time_zone', { time_zone: request.zone });
  if (!call.ok) return { reply: `That didn’t work: ${call.summary}`, state: context.state };
  return {
    reply: `Your time zone is now ${request.zone}: it’s ${clock} there. Dates you say are read on that clock.`,
    state: {
      ...context.state,
      undo: [{ name: 'set_time_zone', arguments: { time_zone: context.timeZone } }],
    },
  };
}

// The account: "I'm in Tokyo this week", "change my time zone to Asia/Kolkata".
export const timeZoneRule: Rule = [/^.+$/, async (_match, context) => changeTimeZone(context)];
