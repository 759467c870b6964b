import { problem } from '../errors.ts';

/**
 * What an `If-Match` header may be: a task version, `"3"`, also `W/"3"` and a bare `3`, which
 * clients send although the ETag we give is the quoted, strong `"3"`. Versions start at 1 and
 * have nine digits at most (leading zeros aside): more than any task reaches, and still an exact number. The OpenAPI
 * document states the header with this very pattern.
 */
export const IF_MATCH_PATTERN = '^(?:W/)?"?0*([1-9][0-9]{0,8})"?$';
const ifMatch = new RegExp(IF_MATCH_PATTERN);

/**
 * The task version an `If-Match` header makes a command conditional on; undefined without the
 * header: the command is unconditional. Anything else, `*`, lists and `0` included, is refused
 * rather than ignored, so a client never believes it is protected when it is not.
 */
export function expectedVersionOf(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = ifMatch.exec(header.trim());
  if (!match) throw problem.invalid_if_match('If-Match must be a task version such as "3"');
  return Number(match[1]);
}
