/** Tells a zip from a CSV by its first bytes; file names and MIME types are not trusted. */
import { open } from 'node:fs/promises';
import { ExportError } from './types.ts';

const SAMPLE_BYTES = 64 * 1024;

export async function sniffUpload(path: string): Promise<'zip' | 'csv'> {
  const file = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  // PK\x03\x04 opens a zip's first entry; PK\x05\x06 is an empty zip's end record.
  if (sample[0] === 0x50 && sample[1] === 0x4b && ((sample[2] === 3 && sample[3] === 4) || (sample[2] === 5 && sample[3] === 6))) {
    return 'zip';
  }
  if (looksLikeText(sample)) return 'csv';
  throw new ExportError(
    'not_zip_or_csv',
    'This file is neither a LinkedIn export zip nor a CSV file. Download your data from LinkedIn (Settings → Data privacy → Get a copy of your data) and upload the .zip it sends you.',
  );
}

function looksLikeText(sample: Buffer): boolean {
  if (sample.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    // UTF-16LE (the BOM LinkedIn writes): text has no NUL or control code units.
    const text = new TextDecoder('utf-16le').decode(sample.subarray(0, sample.length - (sample.length % 2)));
    return !/[\0-\x08\x0b\x0e-\x1f]/.test(text.slice(1));
  }
  // Binary formats are full of NULs and control bytes; CSV text (UTF-8, or Excel's Windows code
  // page) has none besides tab, line breaks and form feed.
  return !sample.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d);
}
