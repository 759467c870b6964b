import { ASSERTION_FIELD, type CallerSigner } from './auth/caller-assertion.ts';
import { subjectOf } from './auth/caller-policy.ts';
import { prometheus, registry } from './metrics.ts';
import { currentContext } from './request-context.ts';

const daprCalls = new prometheus.Histogram({
  name: 'dapr_client_request_duration_seconds',
  help: 'Calls to the Dapr sidecar by operation (publish:<topic>, actor:<type>.<method>, …) and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** A low-cardinality name for a Dapr API path: ids and names of single items are left out. */
export function operationOf(method: string, path: string): string {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  if (parts[1] === 'publish' && parts[2] === 'bulk') return `publish-bulk:${parts[4] ?? ''}`;
  if (parts[1] === 'publish') return `publish:${parts[3] ?? ''}`;
  if (parts[1] === 'actors' && parts[4] === 'method') return `actor:${parts[2]}.${parts[5]}`;
  if (parts[1] === 'actors' && parts[4] === 'reminders') return `reminder:${method.toLowerCase()}`;
  if (parts[1] === 'actors' && parts[4] === 'state') return `actor-state:${method.toLowerCase()}`;
  if (parts[1] === 'invoke') return `invoke:${parts[2]}`;
  return parts[1] ?? 'unknown';
}

export class DaprError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
    this.name = 'DaprError';
  }
}

export interface PublishOptions {
  /** Kafka message key: events of one aggregate stay in one partition, in order. */
  partitionKey?: string;
  /** Give up after this long; the caller keeps the event and publishes it again later. */
  timeoutMs?: number;
}

/** One message of a bulk publication. */
export interface BulkEntry {
  /** Unique within the call: the answer names failed entries by it. */
  entryId: string;
  event: unknown;
  partitionKey?: string;
}

/** A reminder of an actor as it is registered with the scheduler. */
export interface ReminderRequest {
  /** An RFC 3339 instant or a Go duration. */
  dueTime: string;
  period?: string;
  /** A string: objects do not survive the JS SDK's round trip. */
  data: string;
}

/**
 * The entries a bulk publication's 500 answer names as failed (Dapr's `failedEntries`), or
 * undefined when the answer does not say (then nothing can be assumed published).
 */
export function failedEntriesOf(body: string): Set<string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const failed = (parsed as { failedEntries?: unknown } | null)?.failedEntries;
  if (!Array.isArray(failed) || failed.length === 0) return undefined;
  const ids = failed.map((entry) => (entry as { entryId?: unknown } | null)?.entryId);
  return ids.every((id): id is string => typeof id === 'string') ? new Set(ids) : undefined;
}

/**
 * A thin client for the parts of the Dapr HTTP API the processes call. The JS SDK hosts the
 * actors; outgoing calls go through this client so that errors, headers and timeouts are
 * ours to decide, and the correlation id of the current request travels with every call.
 */
export interface DaprClientOptions {
  /** The sidecar's API token (`DAPR_API_TOKEN`): a sidecar with one answers nothing without it. */
  apiToken?: string;
  /** Signs every actor call as this process (platform/auth/caller-assertion.ts). */
  signer?: CallerSigner;
}

export class DaprClientHttp {
  readonly baseUrl: string;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly options: DaprClientOptions = {},
  ) {
    this.baseUrl = `http://${host}:${port}`;
  }

  /** The same sidecar, with every actor call signed by `signer`. */
  signingAs(signer: CallerSigner): DaprClientHttp {
    return new DaprClientHttp(this.host, this.port, { ...this.options, signer });
  }

  /** Ready: components loaded and the app channel up. */
  async healthy(): Promise<boolean> {
    return this.probe('/v1.0/healthz');
  }

  /** Outbound ready: components loaded; the app itself may not be reachable yet. */
  async outboundHealthy(): Promise<boolean> {
    return this.probe('/v1.0/healthz/outbound');
  }

  async waitUntilOutboundHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.outboundHealthy())) {
      if (Date.now() > deadline) throw new Error(`Dapr sidecar at ${this.baseUrl} not ready`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 250));
    }
  }

  async publish(
    pubsub: string,
    topic: string,
    data: unknown,
    options: PublishOptions = {},
  ): Promise<void> {
    const query = options.partitionKey
      ? `?metadata.partitionKey=${encodeURIComponent(options.partitionKey)}`
      : '';
    await this.request('POST', `/v1.0/publish/${pubsub}/${topic}${query}`, data, options.timeoutMs);
  }

  /**
   * Publishes entries to one topic in one call (Dapr's bulk publish). Answers the ids of the
   * entries the broker did not acknowledge (empty: all were); throws when the sidecar does not
   * say which, so that the caller counts none as published.
   */
  async publishBulk(
    pubsub: string,
    topic: string,
    entries: readonly BulkEntry[],
    options: Pick<PublishOptions, 'timeoutMs'> = {},
  ): Promise<Set<string>> {
    const body = entries.map((entry) => ({
      entryId: entry.entryId,
      event: entry.event,
      contentType: 'application/json',
      ...(entry.partitionKey ? { metadata: { partitionKey: entry.partitionKey } } : {}),
    }));
    try {
      await this.request(
        'POST',
        `/v1.0-alpha1/publish/bulk/${pubsub}/${topic}`,
        body,
        options.timeoutMs,
      );
      return new Set();
    } catch (error) {
      const failed =
        error instanceof DaprError && error.status === 500
          ? failedEntriesOf(error.body)
          : undefined;
      if (!failed) throw error;
      return failed;
    }
  }

  /** An actor reminder as the scheduler holds it, or undefined. */
  async getReminder(actorType: string, actorId: string, name: string): Promise<unknown> {
    try {
      const text = await this.request(
        'GET',
        `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/reminders/${name}`,
      );
      return text.length > 0 ? JSON.parse(text) : undefined;
    } catch (error) {
      if (error instanceof DaprError && (error.status === 404 || error.status === 500))
        return undefined;
      throw error;
    }
  }

  /** Invokes an actor method; the body is the method's single argument. */
  async invokeActor(
    actorType: string,
    actorId: string,
    method: string,
    body: unknown,
    timeoutMs?: number,
  ): Promise<unknown> {
    const path = `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/method/${method}`;
    const signer = this.options.signer;
    const signed =
      signer && typeof body === 'object' && body !== null
        ? {
            ...body,
            [ASSERTION_FIELD]: await signer.sign(
              { actorType, actorId, method },
              body,
              subjectOf(body),
            ),
          }
        : body;
    const text = await this.request('PUT', path, signed, timeoutMs);
    return text.length > 0 ? JSON.parse(text) : undefined;
  }

  /** One key of an actor's state (only its host may ask); undefined when the key is absent. */
  async getActorState(actorType: string, actorId: string, key: string): Promise<unknown> {
    const text = await this.request(
      'GET',
      `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/state/${encodeURIComponent(key)}`,
    );
    return text.length > 0 ? JSON.parse(text) : undefined;
  }

  /** Writes keys of an actor's state in one transaction of the state store. */
  async saveActorState(
    actorType: string,
    actorId: string,
    changes: ReadonlyMap<string, unknown>,
  ): Promise<void> {
    await this.request(
      'POST',
      `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/state`,
      [...changes].map(([key, value]) => ({ operation: 'upsert', request: { key, value } })),
    );
  }

  /**
   * Registers (or replaces) an actor reminder in the scheduler.
   */
  async registerReminder(
    actorType: string,
    actorId: string,
    name: string,
    reminder: ReminderRequest,
  ): Promise<void> {
    await this.request(
      'POST',
      `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/reminders/${name}`,
      reminder,
    );
  }

  async unregisterReminder(actorType: string, actorId: string, name: string): Promise<void> {
    try {
      await this.request(
        'DELETE',
        `/v1.0/actors/${actorType}/${encodeURIComponent(actorId)}/reminders/${name}`,
      );
    } catch (error) {
      // Already gone is what we wanted.
      if (!(error instanceof DaprError && error.status === 404)) throw error;
    }
  }

  async getSecret(store: string, name: string): Promise<string> {
    const text = await this.request('GET', `/v1.0/secrets/${store}/${encodeURIComponent(name)}`);
    const values = JSON.parse(text) as Record<string, string>;
    const value = values[name] ?? Object.values(values)[0];
    if (value === undefined) throw new Error(`secret ${name} is empty in store ${store}`);
    return value;
  }

  async metadata(): Promise<DaprMetadata> {
    return JSON.parse(await this.request('GET', '/v1.0/metadata')) as DaprMetadata;
  }

  private async probe(path: string): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 15_000,
  ): Promise<string> {
    const headers: Record<string, string> = {};
    if (this.options.apiToken) headers['dapr-api-token'] = this.options.apiToken;
    const context = currentContext();
    if (context?.correlationId) headers['x-correlation-id'] = context.correlationId;
    if (context?.traceparent) headers.traceparent = context.traceparent;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const end = daprCalls.startTimer({ operation: operationOf(method, path) });
    // A timer cleared when the call is over: AbortSignal.timeout's timer would still fire after
    // every call, building an abort event and a DOMException with its stack each time.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new DaprError(`Dapr ${method} ${path} timed out`, 504, '')),
      timeoutMs,
    );
    let response: Response;
    let text: string;
    try {
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: abort.signal,
        });
      } catch (error) {
        end({ outcome: 'unreachable' });
        throw error;
      }
      end({ outcome: response.ok ? 'ok' : String(response.status) });
      text = await response.text();
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      throw new DaprError(
        `Dapr ${method} ${path} failed with ${response.status}: ${text.slice(0, 500)}`,
        response.status,
        text,
      );
    }
    return text;
  }
}

/** This process's sidecar, as its configuration names it (platform/config.ts). */
export const sidecarOf = (config: {
  DAPR_HOST: string;
  DAPR_HTTP_PORT: number;
  DAPR_API_TOKEN: string;
}): DaprClientHttp =>
  new DaprClientHttp(config.DAPR_HOST, config.DAPR_HTTP_PORT, { apiToken: config.DAPR_API_TOKEN });

export interface DaprMetadata {
  id: string;
  runtimeVersion?: string;
  actors?: { type: string; count: number }[];
  components?: { name: string; type: string; version: string }[];
  subscriptions?: { pubsubname: string; topic: string }[];
  [key: string]: unknown;
}
