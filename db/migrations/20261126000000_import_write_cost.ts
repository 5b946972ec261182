import { sql, type Kysely } from 'kysely';

/*
 * What an import of 30,000 connections pays per row, cut down:
 * - The foreign key from connections to subscribers checked every inserted row (a third of the
 *   insert's cost). An import now takes one KEY SHARE lock on its subscriber instead, and this
 *   trigger does the cascade the key did, once per DELETE statement.
 * - last_export_id had to be rewritten on every row of every re-upload, so unchanged people were
 *   rewritten too; "last seen" is the latest import for anyone not removed, and the export that
 *   removed someone is on their connection_changes row.
 * - Upload chunks were compressed on the way in and out; they live minutes and zips do not shrink.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE connections DROP CONSTRAINT connections_subscriber_id_fkey`.execute(db);
  await sql`
    CREATE FUNCTION delete_connections_of_deleted_subscribers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM connections c USING deleted_subscribers d WHERE c.subscriber_id = d.id;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER subscribers_delete_connections AFTER DELETE ON subscribers
    REFERENCING OLD TABLE AS deleted_subscribers
    FOR EACH STATEMENT EXECUTE FUNCTION delete_connections_of_deleted_subscribers()`.execute(db);
  await sql`ALTER TABLE connections DROP COLUMN last_export_id`.execute(db);
  await sql`ALTER TABLE export_chunks ALTER COLUMN data SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE export_chunks ALTER COLUMN data SET STORAGE EXTENDED`.execute(db);
  await sql`ALTER TABLE connections ADD COLUMN last_export_id uuid`.execute(db);
  await sql`DROP TRIGGER subscribers_delete_connections ON subscribers`.execute(db);
  await sql`DROP FUNCTION delete_connections_of_deleted_subscribers()`.execute(db);
  await sql`
    ALTER TABLE connections ADD CONSTRAINT connections_subscriber_id_fkey
    FOREIGN KEY (subscriber_id) REFERENCES subscribers (id) ON DELETE CASCADE`.execute(db);
}
