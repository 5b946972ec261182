const numberFormat = new Intl.NumberFormat('en-GB');

/** "1 person", "1,234 people": every count in subjects and bodies agrees in number. */
export function countOf(n: number, one: string, many: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}
