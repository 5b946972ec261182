/**
 * Edits to generated exports for personas the generator has no option for. Persona 7: everyone
 * gets a non-Latin name (Chinese, Arabic, Cyrillic, Devanagari, Greek, Korean); Connections.csv is
 * rewritten cell by cell, the other files name people as "First Last", replaced as a whole, so
 * evidence still points at the same people. All names are invented combinations of common given
 * and family names. Persona 6: the same export as it stood weeks before, for a second upload.
 */
import Papa from 'papaparse';
import type { FakeExport } from '../../fake-export/generate.ts';

const NAMES: Array<[first: string[], last: string[]]> = [
  [['伟', '芳', '静', '磊', '敏', '洋'], ['王', '李', '张', '刘', '陈', '杨']],
  [['محمد', 'فاطمة', 'أحمد', 'ليلى', 'يوسف', 'مريم'], ['الحسن', 'منصور', 'حداد', 'خليل', 'نصار', 'سعيد']],
  [['Анна', 'Дмитрий', 'Ольга', 'Сергей', 'Наталья', 'Игорь'], ['Иванова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова', 'Волков']],
  [['अनन्या', 'राहुल', 'प्रिया', 'विक्रम', 'कविता', 'अर्जुन'], ['शर्मा', 'वर्मा', 'गुप्ता', 'पटेल', 'सिंह', 'जोशी']],
  [['Ελένη', 'Νίκος', 'Μαρία', 'Γιώργος'], ['Παπαδοπούλου', 'Κωνσταντίνου', 'Οικονόμου', 'Γεωργίου']],
  [['민준', '서연', '지훈', '하은'], ['김', '이', '박', '최']],
];

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Connections.csv of `fake`, split into its preamble, header and rows, and a way to write it back. */
export function connectionsTable(fake: FakeExport) {
  const file = fake.files.find((f) => f.path.endsWith('Connections.csv'));
  if (!file) throw new Error('fake export has no Connections.csv');
  const lines = decoder.decode(file.bytes).split('\n');
  const headerAt = lines.findIndex((line) => line.startsWith('First Name,'));
  if (headerAt < 0) throw new Error('Connections.csv has no header row');
  const preamble = lines.slice(0, headerAt);
  const [header, ...rows] = Papa.parse<string[]>(lines.slice(headerAt).join('\n'), { skipEmptyLines: true }).data;
  return {
    file,
    header: header!,
    rows,
    write(newRows: string[][]) {
      file.bytes = encoder.encode([...preamble, Papa.unparse([header!, ...newRows], { newline: '\n' })].join('\n'));
    },
  };
}

/**
 * The same person's export some weeks earlier: without its `newest` most recent connections, and
 * with every `changeEvery`-th person at another employer, so uploading `fake` afterwards brings
 * new connections and job changes, as a real second upload does.
 */
export function earlierExport(fake: FakeExport, options: { newest: number; changeEvery: number }): FakeExport {
  const copy: FakeExport = { ...fake, files: fake.files.map((f) => ({ ...f })) };
  const table = connectionsTable(copy);
  const company = table.header.indexOf('Company');
  // Rows are newest first.
  const rows = table.rows.slice(options.newest).map((row, i) => {
    if (i % options.changeEvery !== 0 || !row[company]) return row;
    const earlier = [...row];
    earlier[company] = 'Fabrikam Holdings';
    return earlier;
  });
  table.write(rows);
  return copy;
}

/** Rewrites every named person of `fake` in place; returns how many were renamed. */
export function giveNonLatinNames(fake: FakeExport): number {
  const { file: connections, rows, write } = connectionsTable(fake);
  const renamed = new Map<string, string>();
  let n = 0;
  for (const row of rows) {
    const first = row[0] ?? '';
    const last = row[1] ?? '';
    if (!first && !last) continue;
    const [firsts, lasts] = NAMES[n % NAMES.length]!;
    const k = Math.floor(n / NAMES.length);
    const newFirst = firsts[k % firsts.length]!;
    const newLast = lasts[Math.floor(k / firsts.length) % lasts.length]!;
    // Chinese and Korean names read family name first; the CSV keeps its columns all the same.
    renamed.set(`${first} ${last}`.trim(), `${newFirst} ${newLast}`);
    row[0] = newFirst;
    row[1] = newLast;
    n++;
  }
  write(rows);

  // Longest names first, so "Ana Ruiz Soto" is not half-replaced by "Ana Ruiz".
  const order = [...renamed.keys()].filter((k) => k.includes(' ')).sort((a, b) => b.length - a.length);
  for (const file of fake.files) {
    if (file === connections || !file.path.endsWith('.csv')) continue;
    let content = decoder.decode(file.bytes);
    for (const old of order) content = content.split(old).join(renamed.get(old)!);
    file.bytes = encoder.encode(content);
  }
  return n;
}
