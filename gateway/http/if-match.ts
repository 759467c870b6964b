import { problem } from '../errors.ts';

/**
 * The task version an `If-Match` header makes a command conditional on: `"3"`, also `W/"3"`
 * and a bare `3`, which clients send although the ETag we give is the quoted, strong `"3"`.
 * Undefined without the header: the command is unconditional. Anything else, `*` and lists
 * included, is refused rather than ignored, so a client never believes it is protected when it
 * is not. Nine digits at most: more than any task reaches, and still an exact number.
 */
export function expectedVersionOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw problem.invalid_if_match('If-Match must be a task version such as "3"');
  return Number(match[1]);
}
