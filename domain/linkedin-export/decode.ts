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

// Windows-1252 at 0x80–0x9F (five bytes are undefined there and are read as their Latin-1 control
// code points, as browsers do); from 0xA0 on it is Latin-1.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const cp1252 = (byte: number): string => String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80]! : byte);

/** How many bytes the UTF-8 sequence led by `lead` has; 0 when it can lead none. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Text of a file that may mix UTF-8 and the Windows code page (an Excel re-save edited by hand,
 * rows pasted from elsewhere): every valid UTF-8 sequence is read as UTF-8, every other byte as
 * Windows-1252, so one odd field never garbles the whole file, and neither encoding's names turn
 * into "JosÃ©" or "Jos\uFFFD". A clean UTF-8 chunk takes the native decoder's fast path.
 */
export class MixedTextDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  decode(input: Uint8Array = new Uint8Array(0), options: { stream?: boolean } = {}): string {
    let bytes = input;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + input.length);
      bytes.set(this.carry);
      bytes.set(input, this.carry.length);
    }
    const end = options.stream ? completeLength(bytes) : bytes.length;
    this.carry = bytes.slice(end);
    const whole = bytes.subarray(0, end);
    try {
      return this.fatal.decode(whole);
    } catch {
      return mixedDecode(whole);
    }
  }
}

/** Bytes up to the start of a UTF-8 sequence cut off at the end (it waits for the next chunk). */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** For one sequence already checked whole (isSequence). */
const UTF8 = new TextDecoder('utf-8');

function mixedDecode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 1) {
      out += String.fromCharCode(lead);
      i += 1;
      continue;
    }
    if (length > 1 && i + length <= bytes.length && isSequence(bytes, i, length)) {
      out += UTF8.decode(bytes.subarray(i, i + length));
      i += length;
      continue;
    }
    out += cp1252(lead);
    i += 1;
  }
  return out;
}

/** Continuation bytes follow the lead, without overlong or surrogate forms. */
function isSequence(bytes: Uint8Array, at: number, length: number): boolean {
  for (let k = 1; k < length; k++) if ((bytes[at + k]! & 0xc0) !== 0x80) return false;
  const lead = bytes[at]!;
  const second = bytes[at + 1]!;
  if (lead === 0xe0 && second < 0xa0) return false;
  if (lead === 0xed && second >= 0xa0) return false;
  if (lead === 0xf0 && second < 0x90) return false;
  if (lead === 0xf4 && second >= 0x90) return false;
  return true;
}
