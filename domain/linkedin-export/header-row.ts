/**
 * Columns are always looked up by name, never by position: LinkedIn adds columns between eras
 * (URL in Connections, recipient URLs in messages, profile URLs in Invitations), and the 2026
 * messages.csv quotes its header.
 */

/** Trimmed, unquoted, BOM-free, lowercased, inner spaces collapsed: `"CONVERSATION ID"` → `conversation id`. */
export function normaliseHeaderKey(cell: string): string {
  return cell
    .replace(/\uFEFF/g, '')
    .trim()
    .replace(/^"+|"+$/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

export class Columns {
  readonly size: number;
  private readonly indexByKey = new Map<string, number>();

  constructor(keys: readonly string[]) {
    // The first of two same-named columns wins, as a reader of the file would expect.
    keys.forEach((key, index) => {
      if (key !== '' && !this.indexByKey.has(key)) this.indexByKey.set(key, index);
    });
    this.size = keys.length;
  }

  has(key: string): boolean {
    return this.indexByKey.has(key);
  }

  index(key: string): number {
    return this.indexByKey.get(key) ?? -1;
  }
}

/** One record seen through its header; reused for every record of a file. */
export class Row {
  cells: readonly string[] = [];

  constructor(readonly columns: Columns) {}

  /** The trimmed cell under `key`, or '' when the column or the cell is missing. */
  get(key: string): string {
    const index = this.columns.index(key);
    return index < 0 ? '' : (this.cells[index] ?? '').trim();
  }
}

export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}
