import type { Logger } from './logger.ts';

type Hook = () => Promise<void> | void;
const hooks: Hook[] = [];
let shuttingDown = false;

/** Registers cleanup; hooks run in reverse registration order (last opened, first closed). */
export function onShutdown(hook: Hook): void {
  hooks.push(hook);
}

export function installShutdownHandlers(logger: Logger, graceMs = 10_000): void {
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down', { signal });
    const timer = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    for (const hook of [...hooks].reverse()) {
      try {
        await hook();
      } catch (error) {
        logger.error('shutdown hook failed', { error });
      }
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

export const isShuttingDown = (): boolean => shuttingDown;
