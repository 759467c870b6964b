import { signAccessToken } from '../platform/auth/tokens.ts';

/** A token for the user "dev", printed by `npm start` so that curl works at once. */
export const issueDevToken = (jwtSecret: string): Promise<string> =>
  signAccessToken(jwtSecret, 'dev', '12h');
