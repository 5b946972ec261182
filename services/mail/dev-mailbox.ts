import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface MailboxEntry {
  file: string;
  size: number;
  receivedAt: Date;
}

/** Newest first; file names begin with an ISO timestamp, so name order is time order. */
export async function listMailbox(dir: string): Promise<MailboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const emls = names.filter((n) => n.endsWith('.eml')).sort().reverse();
  return Promise.all(
    emls.map(async (file) => {
      const info = await stat(path.join(dir, file));
      return { file, size: info.size, receivedAt: info.mtime };
    }),
  );
}

export interface MailboxMessage {
  file: string;
  from: string;
  to: string;
  subject: string;
  date: Date | null;
  html: string | null;
  text: string;
  headers: Record<string, string>;
}

/** Reads one message; the name must be a plain file name inside the mailbox (no path tricks). */
export async function readMailboxMessage(dir: string, file: string): Promise<MailboxMessage | null> {
  if (!/^[\w.-]+\.eml$/.test(file)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(path.join(dir, file));
  } catch {
    return null;
  }
  const parsed = await simpleParser(raw);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  return {
    file,
    from: parsed.from?.text ?? '',
    to: Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? ''),
    subject: parsed.subject ?? '',
    date: parsed.date ?? null,
    html: parsed.html || null,
    text: parsed.text ?? '',
    headers,
  };
}
