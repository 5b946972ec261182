// Made once: toLocaleString builds a new formatter, with its locale data, on every call, which
// costs more than the rest of a digest's view together.
const numberFormat = new Intl.NumberFormat('en-GB');

/** "1,234". */
export const formatNumber = (n: number): string => numberFormat.format(n);

/** "1 person", "1,234 people": every count in subjects and bodies agrees in number. */
export function countOf(n: number, one: string, many: string): string {
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}
