export interface CsvStyle {
  separator: ',' | '\t';
  /** 2026 messages.csv and the UTF-16 endorsement file quote every field, header and empties too. */
  quoteAll: boolean;
  eol: '\n' | '\r\n';
  /** LinkedIn leaves the newline off the last row of some files (Connections.csv, Company Follows.csv). */
  trailingEol: boolean;
}

export const LF_NO_TRAILING: CsvStyle = { separator: ',', quoteAll: false, eol: '\n', trailingEol: false };
export const LF_TRAILING: CsvStyle = { separator: ',', quoteAll: false, eol: '\n', trailingEol: true };

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string, quoteAll: boolean): string {
  if (quoteAll || NEEDS_QUOTES.test(value)) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

/** `lead` lines (the Connections `Notes:` preamble) are written verbatim before the header. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], style: CsvStyle, lead: readonly string[] = []): string {
  const lines: string[] = [...lead];
  lines.push(header.map((h) => field(h, style.quoteAll)).join(style.separator));
  for (const row of rows) lines.push(row.map((v) => field(v, style.quoteAll)).join(style.separator));
  return lines.join(style.eol) + (style.trailingEol ? style.eol : '');
}

const encoder = new TextEncoder();

export function utf8(text: string, bom = false): Uint8Array {
  return encoder.encode(bom ? `\uFEFF${text}` : text);
}

/** UTF-16LE with the FF FE byte-order mark, as Windows tooling writes it. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = unit & 0xff;
    out[3 + i * 2] = unit >>> 8;
  }
  return out;
}
