import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | null;

// In COPY's CSV format an unquoted empty field is NULL and a quoted one is ''. NUL bytes cannot be
// stored in Postgres text at all, so they are dropped. Quoting only where needed keeps this cheap:
// it runs once per cell of up to 30,000 rows.
const needsQuoting = /[",\r\n\0]/;

function csvField(value: CopyValue): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  if (text === '') return '""';
  if (!needsQuoting.test(text)) return text;
  return `"${text.replace(/\0/g, '').replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly CopyValue[]): string {
  // Plain concatenation: map() and join() cost more than the quoting itself at 30,000 rows.
  let line = csvField(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += `,${csvField(values[i]!)}`;
  return line;
}

const BATCH = 500;

/** Streams rows into `table` with COPY: one round trip instead of one INSERT per row. */
export async function copyRows(client: pg.PoolClient | pg.Client, table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<void> {
  function* lines() {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(csvLine(row));
      if (batch.length === BATCH) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length) yield `${batch.join('\n')}\n`;
  }
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`));
  await pipeline(Readable.from(lines()), sink);
}
