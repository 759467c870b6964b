import { randomUUID } from 'node:crypto';
import {
  Consumer,
  MessagesStreamModes,
  stringDeserializers,
  type Message,
} from '@platformatic/kafka';
import { inject } from 'vitest';

export type RawMessage = Message<string, string, string, string>;

/**
 * An independent Kafka consumer (its own group, not Dapr's) reading a topic from the start.
 * It collects messages until `stop()`.
 */
export async function collectTopic(topic: string, brokers = inject('stack').kafkaBrokers) {
  const consumer = new Consumer({
    groupId: `test-${randomUUID()}`,
    clientId: 'integration-test',
    bootstrapBrokers: [brokers],
    deserializers: stringDeserializers,
  });
  const messages: RawMessage[] = [];
  const stream = await consumer.consume({
    topics: [topic],
    mode: MessagesStreamModes.EARLIEST,
    autocommit: false,
  });
  stream.on('data', (message: RawMessage) => messages.push(message));
  return {
    messages,
    stop: async () => {
      await stream.close();
      await consumer.close(true);
    },
  };
}
