import winston from 'winston';
import { currentContext } from './request-context.ts';

/** Adds the correlation id and user of the current request/event to every line. */
const withContext = winston.format((info) => {
  const context = currentContext();
  if (context) {
    info.correlation_id ??= context.correlationId;
    if (context.userId) info.user_id ??= context.userId;
    // W3C traceparent: 00-<trace id>-<span id>-<flags>; Dapr continues the trace across hops.
    const traceId = context.traceparent?.split('-')[1];
    if (traceId) info.trace_id ??= traceId;
  }
  return info;
});

/** Error objects in log metadata become their name, message and stack instead of `{}`. */
const serializeErrors = winston.format((info) => {
  for (const [key, value] of Object.entries(info)) {
    if (value instanceof Error) {
      info[key] = {
        name: value.name,
        message: value.message,
        stack: value.stack,
        cause: value.cause instanceof Error ? value.cause.message : value.cause,
      };
    }
  }
  return info;
});

export type Logger = winston.Logger;

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(
      withContext(),
      serializeErrors(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports: [new winston.transports.Console()],
  });
}
