import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import { signAccessToken } from '../../platform/auth/tokens.ts';
import type { Session } from '../../schemas/auth.ts';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_DAYS = 30;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Account {
  id: string;
  email: string;
  password_hash: string;
}

/** Accounts and refresh tokens. Only sign-up, log-in and refresh touch these tables. */
export class Accounts {
  constructor(
    private readonly db: Db,
    private readonly jwtSecret: string,
  ) {}

  findByEmail(email: string): Promise<Account | undefined> {
    return this.db
      .selectFrom('accounts')
      .select(['id', 'email', 'password_hash'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  }

  /**
   * Creates an account inside a transaction and runs `then` before committing, so that a failure
   * there (the user's profile could not be written) leaves no account behind. `then` may write
   * in the same transaction.
   * Returns undefined when the e-mail is taken.
   */
  async create(
    email: string,
    passwordHash: string,
    then: (account: Account, trx: Db) => Promise<void>,
  ): Promise<Account | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const account = { id: randomUUID(), email, password_hash: passwordHash };
      const inserted = await trx
        .insertInto('accounts')
        .values(account)
        .onConflict((conflict) => conflict.expression(sql`lower(email)`).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined;
      await then(account, trx);
      return account;
    });
  }

  async issueSession(account: Pick<Account, 'id' | 'email'>): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashToken(refreshToken),
        account_id: account.id,
        expires_at: new Date(Date.now() + REFRESH_TOKEN_DAYS * 86_400_000).toISOString(),
      })
      .execute();
    return {
      user: { id: account.id, email: account.email },
      token_type: 'Bearer',
      access_token: await signAccessToken(this.jwtSecret, account.id, `${ACCESS_TOKEN_SECONDS}s`),
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
    };
  }

  /** Exchanges a refresh token for a new session; the old token is used up (rotation). */
  async refresh(refreshToken: string): Promise<Session | undefined> {
    const used = await this.db
      .deleteFrom('refresh_tokens')
      .where('token_hash', '=', hashToken(refreshToken))
      .where(sql<SqlBool>`expires_at > now()`)
      .returning('account_id')
      .executeTakeFirst();
    if (!used) return undefined;
    const account = await this.db
      .selectFrom('accounts')
      .select(['id', 'email'])
      .where('id', '=', used.account_id)
      .executeTakeFirst();
    return account ? this.issueSession(account) : undefined;
  }
}
