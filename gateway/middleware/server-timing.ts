import type { RequestHandler } from 'express';

/** `Server-Timing: app;dur=…`: the gateway's own time per request, for benchmarks and browsers. */
export const serverTiming: RequestHandler = (_request, response, next) => {
  const started = process.hrtime.bigint();
  const writeHead = response.writeHead;
  response.writeHead = function (this: typeof response, ...args: Parameters<typeof writeHead>) {
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    if (!this.headersSent) this.setHeader('server-timing', `app;dur=${milliseconds.toFixed(2)}`);
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};
