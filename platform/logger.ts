import winston from 'winston';
import { currentContext } from './request-context.ts';

/** Adds the correlation id and user of the current request/event to every line. */
const withContext = winston.format((info) => {
  const context = currentContext();
  if (context) {
    info.correlation_id ??= context.correlationId;
    if (context.userId) info.user_id ??= context.userId;
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
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports: [new winston.transports.Console()],
  });
}
