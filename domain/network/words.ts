const numberFormat = new Intl.NumberFormat('en-GB');

/** "1 connection", "1,234 connections". */
export function countOf(n: number, one: string, many: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

/** "A", "A and B", "A, B and C" (or "or"). */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
