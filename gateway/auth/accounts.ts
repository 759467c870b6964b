import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
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

/** Why a refresh token was refused: never seen or expired, or already exchanged once. */
export type RefreshRefusal = 'invalid' | 'reused';

/**
 * Accounts and their sessions. A session is a family of refresh tokens: log-in starts one,
 * each refresh marks the presented token used and adds the next to the family. A used token
 * presented again means two parties hold the family (a stolen token, replayed): the whole family
 * ends, so that neither the thief nor the owner can go on, and the owner logs in afresh.
 */
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

  findById(id: string): Promise<Account | undefined> {
    return this.db
      .selectFrom('accounts')
      .select(['id', 'email', 'password_hash'])
      .where('id', '=', id)
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

  /**
   * Replaces a password hash. With `onlyIfStill`, only while the stored hash is that one (an
   * upgrade of the parameters must not overwrite a password changed meanwhile).
   */
  async setPasswordHash(accountId: string, passwordHash: string, onlyIfStill?: string) {
    let update = this.db
      .updateTable('accounts')
      .set({ password_hash: passwordHash })
      .where('id', '=', accountId);
    if (onlyIfStill !== undefined) update = update.where('password_hash', '=', onlyIfStill);
    await update.execute();
  }

  /**
   * A new password: every session of the account ends but the one `keepRefreshToken` belongs
   * to (the caller's own), in one transaction with the change.
   */
  async changePassword(
    accountId: string,
    passwordHash: string,
    keepRefreshToken: string | undefined,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ password_hash: passwordHash })
        .where('id', '=', accountId)
        .execute();
      let others = trx.deleteFrom('refresh_tokens').where('account_id', '=', accountId);
      if (keepRefreshToken)
        others = others.where(({ eb, selectFrom, not, exists }) =>
          not(
            exists(
              selectFrom('refresh_tokens as kept')
                .select('kept.family_id')
                .where('kept.token_hash', '=', hashToken(keepRefreshToken))
                .where('kept.account_id', '=', accountId)
                .where('kept.family_id', '=', eb.ref('refresh_tokens.family_id')),
            ),
          ),
        );
      await others.execute();
    });
  }

  /** Starts a session: a new family, unless `familyId` continues one (refresh). */
  async issueSession(
    account: Pick<Account, 'id' | 'email'>,
    familyId: string = randomUUID(),
    db: Kysely<Database> = this.db,
  ): Promise<Session> {
    const refreshToken = randomBytes(32).toString('base64url');
    // Expired tokens of the account are of no use any more, not even for reuse detection.
    await db
      .deleteFrom('refresh_tokens')
      .where('account_id', '=', account.id)
      .where(sql<SqlBool>`expires_at <= now()`)
      .execute();
    await db
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashToken(refreshToken),
        account_id: account.id,
        family_id: familyId,
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

  /**
   * Exchanges a refresh token for the next session of its family (rotation). A token used
   * before ends its family and is refused as `reused`; an unknown or expired one as `invalid`.
   */
  async refresh(refreshToken: string): Promise<Session | RefreshRefusal> {
    const tokenHash = hashToken(refreshToken);
    return this.db.transaction().execute(async (trx) => {
      // The row lock makes concurrent exchanges of one token queue: exactly one finds it unused.
      const exchanged = await trx
        .updateTable('refresh_tokens')
        .set({ used_at: sql`now()` })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where(sql<SqlBool>`expires_at > now()`)
        .returning(['account_id', 'family_id'])
        .executeTakeFirst();
      if (!exchanged) {
        const ended = await trx
          .deleteFrom('refresh_tokens')
          .where('family_id', '=', (eb) =>
            eb
              .selectFrom('refresh_tokens as used')
              .select('used.family_id')
              .where('used.token_hash', '=', tokenHash)
              .where('used.used_at', 'is not', null),
          )
          .executeTakeFirst();
        return Number(ended.numDeletedRows) > 0 ? 'reused' : 'invalid';
      }
      const account = await trx
        .selectFrom('accounts')
        .select(['id', 'email'])
        .where('id', '=', exchanged.account_id)
        .executeTakeFirst();
      return account ? this.issueSession(account, exchanged.family_id, trx) : 'invalid';
    });
  }

  /** Ends the session the token belongs to (any token of its family). Unknown tokens: nothing. */
  async logout(refreshToken: string): Promise<void> {
    await this.db
      .deleteFrom('refresh_tokens')
      .where('family_id', '=', (eb) =>
        eb
          .selectFrom('refresh_tokens as presented')
          .select('presented.family_id')
          .where('presented.token_hash', '=', hashToken(refreshToken)),
      )
      .execute();
  }

  /** Ends every session of the account. */
  async logoutEverywhere(accountId: string): Promise<void> {
    await this.db.deleteFrom('refresh_tokens').where('account_id', '=', accountId).execute();
  }
}
