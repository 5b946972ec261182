/**
 * Byte-level decisions about a CSV: its encoding and its delimiter. One export mixes UTF-8
 * files with UTF-16LE, tab-separated ones (Endorsement Received Info.csv, Account Status
 * History.csv), and Excel re-saves add a BOM or fall back to the Windows code page.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark to drop before decoding. */
  bomLength: number;
}

/** Reads the encoding off the first bytes of a file (at least a few KiB when available). */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  // Excel's plain "CSV" save writes the Windows code page: names with accents are then not UTF-8.
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** True when `bytes` is valid UTF-8, allowing a character cut off at the end of the sample. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Tab or comma, judged on the first non-empty line (the UTF-16 files are tab-separated). */
export function sniffDelimiter(text: string): ',' | '\t' {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const tabs = firstLine.split('\t').length - 1;
  const commas = firstLine.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}
