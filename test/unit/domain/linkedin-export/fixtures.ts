/** Synthetic export files for the parser tests: all people invented, shapes per the reference. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { parseExport, type ParseExportOptions } from '../../../../domain/linkedin-export/index.ts';
import type { ParsedExport } from '../../../../domain/linkedin-export/types.ts';
import { utf8, zip } from '../../../support/hostile/zip.ts';

// Zip byte helpers live with the hostile corpus; unit tests use the same ones.
export { utf8, zip } from '../../../support/hostile/zip.ts';

export const PREAMBLE =
  'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n';
export const CONNECTIONS_HEADER_2018 = 'First Name,Last Name,Email Address,Company,Position,Connected On';
export const CONNECTIONS_HEADER_2024 = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
export const MESSAGES_HEADER_2018 = 'From,To,Date,Subject,Content,Direction,Folder';
export const MESSAGES_HEADER_2022 = 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER';
export const MESSAGES_HEADER_2024 =
  'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT';
export const MESSAGES_HEADER_2026 =
  '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS"';
export const INVITATIONS_HEADER_2018 = 'From,To,Sent At,Message,Direction';
export const INVITATIONS_HEADER_2024 = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl';
export const RECOMMENDATIONS_HEADER = 'First Name,Last Name,Company,Job Title,Text,Creation Date,Status';
export const ENDORSEMENTS_RECEIVED_HEADER_2022 = 'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorsement Status';
export const ENDORSEMENTS_RECEIVED_HEADER_2024 =
  'Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url,Endorsement Status';
export const ENDORSEMENTS_GIVEN_HEADER_2024 =
  'Endorsement Date,Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url,Endorsement Status';
export const POSITIONS_HEADER = 'Company Name,Title,Description,Location,Started On,Finished On';
export const PROFILE_HEADER =
  'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers';

/** The owner of every fixture export. */
export const OWNER_URL = 'https://www.linkedin.com/in/alex-morgan-0a1b2c';
export const OWNER_KEY = 'linkedin.com/in/alex-morgan-0a1b2c';

export const lines = (...rows: string[]): string => rows.join('\n');

/** UTF-16LE with a BOM, as LinkedIn wrote `Endorsement Received Info.csv`. */
export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes `bytes` to a fresh temp file, as uploads are spooled before parsing. */
export async function tempFile(bytes: Uint8Array | string, name = 'upload'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-export-test-'));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, typeof bytes === 'string' ? utf8(bytes) : bytes);
  return path;
}

export async function parseBytes(bytes: Uint8Array | string, options?: ParseExportOptions): Promise<ParsedExport> {
  return parseExport(await tempFile(bytes), options);
}

export async function parseZip(files: Record<string, string | Uint8Array>, options?: ParseExportOptions): Promise<ParsedExport> {
  return parseBytes(zip(files), options);
}

/** Rejects with the ExportError code, or '' when it does not reject with an ExportError. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return '';
  } catch (error) {
    return (error as { name?: string; code?: string }).name === 'ExportError' ? ((error as { code: string }).code) : `unexpected: ${String(error)}`;
  }
}

/** Offsets of zip records with the given 4-byte signature. */
