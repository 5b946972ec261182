import type { Migration } from 'kysely/migration';
import * as initialSchema from './20261125220000_initial_schema.ts';
import * as pendingEmail from './20261125230000_pending_email.ts';
import * as importWriteCost from './20261126000000_import_write_cost.ts';
import * as lz4ForLargeValues from './20261126010000_lz4_for_large_values.ts';
import * as suppressionHashes from './20261203100000_suppression_hashes.ts';
import * as verifiedSenders from './20261203100000_verified_senders.ts';
import * as importAttempts from './20261203110000_import_attempts.ts';
import * as accountSessions from './20261203120000_account_sessions.ts';
import * as outboxBounceAddress from './20261203140000_outbox_bounce_address.ts';
import * as suppressionKeyFingerprint from './20261203140000_suppression_key_fingerprint.ts';
import * as emailChangeOrder from './20261203150000_email_change_order.ts';
import * as digestItemAnswers from './20261203160000_digest_item_answers.ts';
import * as formerEmployers from './20261204010000_former_employers.ts';
import * as answerHistory from './20261204050000_answer_history.ts';
import * as introOutcomes from './20261204060000_intro_outcomes.ts';

/**
 * Every migration, by name; names sort in the order they run. Listed statically (rather than
 * read from the folder at run time) so the same code migrates under tsx, vitest and a bundler.
 */
export const migrations: Record<string, Migration> = {
  '20261125220000_initial_schema': initialSchema,
  '20261125230000_pending_email': pendingEmail,
  '20261126000000_import_write_cost': importWriteCost,
  '20261126010000_lz4_for_large_values': lz4ForLargeValues,
  '20261203100000_suppression_hashes': suppressionHashes,
  '20261203100000_verified_senders': verifiedSenders,
  '20261203110000_import_attempts': importAttempts,
  '20261203120000_account_sessions': accountSessions,
  '20261203140000_outbox_bounce_address': outboxBounceAddress,
  '20261203140000_suppression_key_fingerprint': suppressionKeyFingerprint,
  '20261203150000_email_change_order': emailChangeOrder,
  '20261203160000_digest_item_answers': digestItemAnswers,
  '20261204010000_former_employers': formerEmployers,
  '20261204050000_answer_history': answerHistory,
  '20261204060000_intro_outcomes': introOutcomes,
};
