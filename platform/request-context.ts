import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and outgoing call of one request or one event carries. */
export interface RequestContext {
  correlationId: string;
  userId?: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runWithContext = <T>(context: RequestContext, fn: () => T): T =>
  storage.run(context, fn);

export const currentContext = (): RequestContext | undefined => storage.getStore();
