/** FNV-1a over UTF-16 code units: turns any seed plus a label into a 32-bit stream seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough for fixtures. Each section of an export draws from its own
 * forked stream, so changing how one file is generated does not reshuffle every other file.
 */
export class Rng {
  private state: number;

  constructor(private readonly label: string) {
    this.state = hash32(label);
  }

  fork(name: string): Rng {
    return new Rng(`${this.label}/${name}`);
  }

  float(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Inclusive on both ends. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.float() * items.length));
  }

  /** Index biased towards 0: power > 1 makes the first items far more common (a few big employers). */
  skewedIndex(length: number, power: number): number {
    return Math.min(length - 1, Math.floor(length * this.float() ** power));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const tmp = at(items, i);
      items[i] = at(items, j);
      items[j] = tmp;
    }
    return items;
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.float() * 16).toString(16);
    return out;
  }

  digits(length: number): string {
    let out = String(this.int(1, 9));
    for (let i = 1; i < length; i++) out += String(this.int(0, 9));
    return out;
  }

  /** `2-` and base64 of 16 random bytes, the shape of LinkedIn's opaque conversation ids. */
  conversationId(): string {
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = this.int(0, 255);
    return `2-${Buffer.from(bytes).toString('base64')}`;
  }
}

/** Indexing that fails loudly instead of yielding undefined under noUncheckedIndexedAccess. */
export function at<T>(items: readonly T[], index: number): T {
  const value = items[index];
  if (value === undefined) throw new RangeError(`index ${index} outside 0..${items.length - 1}`);
  return value;
}
