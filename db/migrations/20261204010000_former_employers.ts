import { sql, type Kysely } from 'kysely';

/*
 * The analysis reads every job change of one subscriber (the employers their people left, for
 * introductions to a company someone used to work at): without this index that is a scan of every
 * subscriber's changes on each digest build.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX connection_changes_job_changes_by_subscriber ON connection_changes (subscriber_id, connection_id) WHERE kind = 'job_change'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX connection_changes_job_changes_by_subscriber`.execute(db);
}
