import { z } from 'zod';
import { eventDataSchemas, eventEnvelopeSchema, type EventType } from './events.ts';
import { createTaskInputSchema, taskSchema, updateTaskInputSchema } from './task.ts';

/**
 * The JSON Schema documents generated from the zod schemas: the contracts other teams and
 * tools read. They are committed under schemas/contracts/; a test fails when they drift.
 */
export function contractDocuments(): Record<string, unknown> {
  const documents: Record<string, unknown> = {
    'task.schema.json': document('Task', taskSchema, 'output'),
    'create-task-input.schema.json': document('CreateTaskInput', createTaskInputSchema, 'input'),
    'update-task-input.schema.json': document('UpdateTaskInput', updateTaskInputSchema, 'input'),
    'event-envelope.schema.json': document('EventEnvelope', eventEnvelopeSchema, 'output'),
  };
  for (const type of Object.keys(eventDataSchemas) as EventType[]) {
    const typed = eventEnvelopeSchema.extend({
      event_type: z.literal(type),
      data: eventDataSchemas[type],
    });
    documents[`events/${type}.schema.json`] = document(`Event ${type}`, typed, 'output');
  }
  return documents;
}

function document(title: string, schema: z.ZodType, io: 'input' | 'output'): unknown {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return { $id: `urn:todo-chatbot:contract:${title.replace(/\s+/g, '-')}`, title, ...json };
}
