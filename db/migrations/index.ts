import type { Migration } from 'kysely/migration';
import * as auditLog from './0001-audit-log.ts';
import * as taskView from './0002-task-view.ts';
import * as accounts from './0003-accounts.ts';
import * as descriptionTrigram from './0004-description-trigram.ts';
import * as notificationsAndDeadLetters from './0005-notifications-and-dead-letters.ts';
import * as conversations from './0006-conversations.ts';
import * as deadLetterReplay from './0007-dead-letter-replay.ts';
import * as userCounters from './0008-user-counters.ts';
import * as refreshTokenFamilies from './0009-refresh-token-families.ts';
import * as verifiedMail from './0010-verified-mail.ts';
import * as skippedCounter from './0011-skipped-counter.ts';
import * as actorHosts from './0012-actor-hosts.ts';

/** Listed explicitly: order is the key order, and a bundler cannot lose a file. */
export const migrations: Record<string, Migration> = {
  '0001-audit-log': auditLog,
  '0002-task-view': taskView,
  '0003-accounts': accounts,
  '0004-description-trigram': descriptionTrigram,
  '0005-notifications-and-dead-letters': notificationsAndDeadLetters,
  '0006-conversations': conversations,
  '0007-dead-letter-replay': deadLetterReplay,
  '0008-user-counters': userCounters,
  '0009-refresh-token-families': refreshTokenFamilies,
  '0010-verified-mail': verifiedMail,
  '0011-skipped-counter': skippedCounter,
  '0012-actor-hosts': actorHosts,
};
