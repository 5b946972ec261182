/**
 * Uploads that attack the importer's memory, generated on the fly (never committed): the poison
 * shape (millions of short URL-less rows, within every byte and ratio limit) and a heavy but legal
 * export (100,000 connections with every kept field at its cap), which a small heap cannot hold.
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { zipSync } from 'fflate';
import { poisonConnectionRows, URL_LESS_CONNECTIONS_HEADER } from '../test/support/hostile/files.ts';

const CONNECTIONS_WITH_URLS = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

async function writeZip(file: string, entries: Record<string, string>): Promise<number> {
  const zipped = zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, [Buffer.from(text), { level: 1 }]])));
  await writeFile(file, zipped);
  return zipped.length;
}

/** A zip holding a Connections.csv of `rows` short rows without URLs; returns its size in bytes. */
export async function writePoisonZip(file: string, rows: number): Promise<number> {
  const parts: string[] = [URL_LESS_CONNECTIONS_HEADER + '\n'];
  for (let start = 0; start < rows; start += 100_000) parts.push(poisonConnectionRows(Math.min(100_000, rows - start), start));
  return writeZip(file, { 'Connections.csv': parts.join('') });
}

/** 100,000 connections (the row limit) whose names, company and position are as long as Rapport keeps. */
export async function writeHeavyExport(file: string, rows = 100_000): Promise<number> {
  // Slices of one random pool: as incompressible as fresh random text (repeats lie far outside
  // deflate's 32 KB window), and quick to make.
  const pool = randomBytes(512 * 1024).toString('hex');
  let at = 0;
  const hex = (chars: number) => {
    at = (at + 7919) % (pool.length - chars);
    return pool.slice(at, at + chars);
  };
  const lines = [CONNECTIONS_WITH_URLS];
  for (let i = 0; i < rows; i++) {
    lines.push(`N${hex(99)},L${hex(99)},https://www.linkedin.com/in/heavy-${i}-${hex(20)},,C${hex(149)},P${hex(149)},09 Sep 2022`);
  }
  return writeZip(file, { 'Connections.csv': lines.join('\n') });
}
