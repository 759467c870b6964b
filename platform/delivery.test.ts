import { describe, expect, it } from 'vitest';
import { bulkEntries, openBulkEntry, openDelivery } from './delivery.ts';

/** What daprd posts for a subscription with rawPayload: the Kafka message's bytes, base64. */
const raw = (bytes: string) => ({
  specversion: '1.0',
  id: 'wrapper-id',
  datacontenttype: 'application/octet-stream',
  data_base64: Buffer.from(bytes, 'utf8').toString('base64'),
});

describe('openDelivery', () => {
  it('unwraps a CloudEvent Dapr published: its data and its id', () => {
    const cloudEvent = { specversion: '1.0', id: 'ce-1', data: { event_id: 'e1' } };
    expect(openDelivery(raw(JSON.stringify(cloudEvent)))).toEqual({
      data: { event_id: 'e1' },
      cloudEventId: 'ce-1',
      original: cloudEvent,
    });
  });

  it('takes a plain JSON message as the event itself (a producer outside Dapr)', () => {
    expect(openDelivery(raw('{"event_id":"e2"}'))).toEqual({
      data: { event_id: 'e2' },
      cloudEventId: undefined,
      original: { event_id: 'e2' },
    });
    expect(openDelivery(raw('null')).data).toBeNull();
    expect(openDelivery(raw('[1,2]')).data).toEqual([1, 2]);
  });

  it('keeps bytes that are not JSON as text, with no event in them', () => {
    expect(openDelivery(raw('not json \u00e9'))).toEqual({
      data: undefined,
      cloudEventId: undefined,
      original: 'not json \u00e9',
    });
  });

  it('reads a CloudEvent posted without the raw wrapper as well', () => {
    expect(openDelivery({ specversion: '1.0', id: 'x', data: 5 })).toMatchObject({
      data: 5,
      cloudEventId: 'x',
    });
  });

  it('finds no event in a body that is not an object', () => {
    expect(openDelivery('text')).toEqual({
      data: undefined,
      cloudEventId: undefined,
      original: 'text',
    });
    expect(openDelivery(null).data).toBeUndefined();
  });
});

describe('bulk deliveries', () => {
  // As daprd 1.18 posts them for a bulk subscription with rawPayload.
  const entry = (entryId: string, bytes: string) => ({
    entryId,
    event: Buffer.from(bytes, 'utf8').toString('base64'),
    metadata: { __partition: '5', __offset: '0' },
    contentType: 'application/octet-stream',
  });

  it('finds the entries of a bulk delivery, and none in a single one', () => {
    const body = { id: 'b', topic: 'task-events', entries: [entry('0', '{}'), entry('1', '[]')] };
    expect(bulkEntries(body)?.map((e) => e.entryId)).toEqual(['0', '1']);
    expect(bulkEntries(raw('{}'))).toBeUndefined();
    expect(bulkEntries({ entries: [{ event: 'x' }] })).toBeUndefined();
  });

  it('opens each entry as the message it carries', () => {
    const cloudEvent = { specversion: '1.0', id: 'ce-1', data: { event_id: 'e1' } };
    expect(openBulkEntry(entry('0', JSON.stringify(cloudEvent)))).toEqual({
      data: { event_id: 'e1' },
      cloudEventId: 'ce-1',
      original: cloudEvent,
    });
    expect(openBulkEntry(entry('1', 'not json')).original).toBe('not json');
    // Without rawPayload Dapr passes the CloudEvent itself.
    expect(openBulkEntry({ entryId: '2', event: cloudEvent }).cloudEventId).toBe('ce-1');
  });
});
