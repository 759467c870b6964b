import express, { type RequestHandler } from 'express';
import { problem } from '../errors.ts';

/**
 * No body of ours nests deeper than a handful of levels (an MCP call with a recurrence is six).
 * A 100 kB body of nothing but brackets costs JSON.parse tens of milliseconds, so depth is
 * checked on the raw bytes first, in one pass that costs microseconds.
 */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, counting past string contents. */
export function jsonDepth(body: Uint8Array, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c)
        index++; // backslash: the next byte is escaped
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}

/** express.json with the size limit and the depth check every JSON route of the gateway uses. */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    strict: true,
    verify: (_request, _response, body) => {
      if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
        throw problem.json_too_deep(`the body nests deeper than ${MAX_JSON_DEPTH} levels`);
    },
  });
}
