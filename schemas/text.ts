import { z } from 'zod';

/**
 * Text from outside: anything but NUL, which PostgreSQL cannot store in text (a task titled with
 * one would be accepted by its actor and then poison every projection of it).
 */
// eslint-disable-next-line no-control-regex -- the NUL character is exactly what is matched
export const textSchema = () => z.string().regex(/^[^\u0000]*$/, 'must not contain NUL characters');
