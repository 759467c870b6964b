import { describe, expect, it } from 'vitest';
import { wireTools } from './chat-completions.ts';

describe('the tools as a language model is shown them', () => {
  it('describe every tool’s parameters without the long list of zone names', () => {
    const addTask = wireTools.find((tool) => tool.function.name === 'add_task')!;
    expect(addTask.function.parameters.properties).toHaveProperty('title');
    const timeZone = addTask.function.parameters.properties!.time_zone as Record<string, unknown>;
    expect(timeZone.enum).toBeUndefined();
    expect(timeZone.description).toMatch(/IANA time zone/);
    // Small enough for the context of a small local model, with room for the conversation.
    expect(JSON.stringify(wireTools).length).toBeLessThan(20_000);
  });
});
