/**
 * Hostile single files and CSV text for the upload path: other file types renamed, broken
 * encodings, broken CSV. Every person in them is invented.
 */
import { randomBytes } from 'node:crypto';

export const PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
export const CONNECTIONS_HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
export const MESSAGES_HEADER = 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER';
export const INVITATIONS_HEADER = 'From,To,Sent At,Message,Direction';

export const lines = (...rows: string[]): string => rows.join('\n');

/** One Connections.csv row for an invented person. */
export function person(slug: string, first = 'Ada', last = 'Example', company = 'Acme'): string {
  return `${first},${last},https://www.linkedin.com/in/${slug},,${company},Engineer,09 Sep 2022`;
}

/** A valid 2024-era Connections.csv with `rows` invented people. */
export function connectionsCsv(rows: number, prefix = 'hostile'): string {
  return PREAMBLE + lines(CONNECTIONS_HEADER, ...Array.from({ length: rows }, (_, i) => person(`${prefix}-${i}`, `First${i}`, `Last${i}`)));
}

/** Rows that deflate about 2:1 like real exports (random hex does not compress). */
export function incompressibleConnections(rows: number): string {
  const body = Array.from({ length: rows }, () => `${randomBytes(8).toString('hex')},Doe,https://www.linkedin.com/in/${randomBytes(8).toString('hex')},,Acme,Engineer,09 Sep 2022`);
  return lines(CONNECTIONS_HEADER, ...body);
}

export function incompressibleInvitations(rows: number): string {
  const body = Array.from({ length: rows }, () => `${randomBytes(6).toString('hex')},${randomBytes(6).toString('hex')},,,INCOMING`);
  return lines(INVITATIONS_HEADER, ...body);
}

/** A messages.csv that deflates well but stays under a 100:1 ratio. */
export function messagesCsv(rows: number): string {
  const body = Array.from(
    { length: rows },
    (_, i) => `2-conv${i % 97},,Ada Example,https://www.linkedin.com/in/ada-${i % 13},Bob Example,2024-01-0${(i % 9) + 1} 10:00:00 UTC,,Hello ${randomBytes(3).toString('hex')},INBOX`,
  );
  return lines(MESSAGES_HEADER, ...body);
}

export const pdf = (): Uint8Array => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'), randomBytes(2048)]);
export const png = (): Uint8Array => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), randomBytes(1024)]);
/** An ELF executable header (x86-64) and some code-like bytes. */
export const elf = (): Uint8Array =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0]), randomBytes(4096)]);
/** A gzip stream (a .tar.gz renamed), magic 1f 8b. */
export const gzip = (): Uint8Array => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), randomBytes(2048)]);

export const utf8Bom = (text = ''): Uint8Array => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
export const utf16leBom = (text = ''): Uint8Array => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
export const utf16leNoBom = (text: string): Uint8Array => Buffer.from(text, 'utf16le');
export const utf16beBom = (text: string): Uint8Array => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

/** Windows-1252 (Excel's plain "CSV" save): every character here is in Latin-1, which agrees with it. */
export const windows1252 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

/** UTF-8 read as Latin-1 and saved again as UTF-8: "José" becomes "JosÃ©". */
export const mojibake = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

/** `count` cells of `width` characters each, joined by commas. */
export const wideRow = (count: number, cell = 'x'): string => Array.from({ length: count }, () => cell).join(',');

/**
 * The poison upload's shape: short rows with no URL (an era keyed by name), each within every byte
 * and ratio limit, so only a row count stops them. `rows` of them, names varied so they deflate
 * about as much as a real file (the reported one was 58 MB zipped, ratio ~14, ~36 million rows).
 */
export function poisonConnectionRows(rows: number, start = 0): string {
  let text = '';
  for (let i = start; i < start + rows; i++) text += `P${i.toString(36)},Q${((i * 7919) % 104_729).toString(36)},,,,09 Sep 2022\n`;
  return text;
}

export const URL_LESS_CONNECTIONS_HEADER = 'First Name,Last Name,Email Address,Company,Position,Connected On';

/** A messages.csv in which every row opens a new conversation between new people. */
export function manyConversations(rows: number): string {
  const body = Array.from(
    { length: rows },
    (_, i) => `2-c${i},,Ada ${i},https://www.linkedin.com/in/ada-${i},Bob ${i},2024-01-01 10:00:00 UTC,,hi,INBOX`,
  );
  return lines(MESSAGES_HEADER, ...body);
}
