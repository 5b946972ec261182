/**
 * CSV for spreadsheets: RFC 4180 (CRLF rows, every cell quoted, quotes doubled) with a UTF-8 BOM so
 * that Excel reads accented names correctly. Names and companies come from other people's LinkedIn
 * profiles, so a cell starting with =, +, -, @, tab, CR or NUL gets a leading ' and a spreadsheet
 * shows it as text instead of running it as a formula; quoting alone does not stop that (OWASP
 * "CSV Injection", ASVS 1.2.10).
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

const formulaStart = /^[=+\-@\t\r\0]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '""';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const inert = formulaStart.test(text) ? `'${text}` : text;
  return `"${inert.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
