import { sql, type Kysely } from 'kysely';

/*
 * digest_items.answer takes only the words of the answer contract (domain/digest-items/answers.ts);
 * until now any text was accepted, so a bug elsewhere could store an answer nothing reads. Adding
 * an answer means adding it to the contract and to this list, in a new migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE digest_items ADD CONSTRAINT digest_items_answer_known
      CHECK (answer IS NULL OR answer IN ('known', 'close', 'unknown', 'intro', 'skip'))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE digest_items DROP CONSTRAINT digest_items_answer_known`.execute(db);
}
