/**
 * Byte-level decisions about a CSV: its encoding and its delimiter. One export mixes UTF-8
 * files with UTF-16LE, tab-separated ones (Endorsement Received Info.csv, Account Status
 * History.csv), and Excel re-saves add a BOM, fall back to the Windows code page, or switch
 * to semicolons.
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
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Comma, tab (the UTF-16 files) or semicolon (Excel in locales with a decimal comma), whichever
 * the first non-empty line holds most of; comma on a tie.
 */
export function sniffDelimiter(text: string): ',' | '\t' | ';' {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const count = (delimiter: string): number => firstLine.split(delimiter).length - 1;
  const [tabs, commas, semicolons] = [count('\t'), count(','), count(';')];
  if (tabs > commas && tabs >= semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}
