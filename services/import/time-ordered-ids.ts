import { randomBytes } from 'node:crypto';

/**
 * UUIDv7-shaped ids for one bulk insert: the time and 42 random bits are drawn once, the last 32
 * bits count up. Ids that follow each other land side by side in the primary-key index, where
 * random ones (gen_random_uuid) would touch a different page per row, and Postgres has no v7 of
 * its own before version 18. A fresh random draw per batch keeps two batches in one millisecond
 * apart. Not for anything secret: ids are predictable within a batch.
 */
export class TimeOrderedIds {
  private readonly prefix: string;
  private next = 0;

  constructor(now = Date.now()) {
    const random = randomBytes(6).toString('hex');
    const time = now.toString(16).padStart(12, '0').slice(-12);
    // version 7 in the 13th digit; variant 10xx in the 17th.
    const variant = ((parseInt(random[3]!, 16) & 0x3) | 0x8).toString(16);
    this.prefix = `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(4, 7)}-${random.slice(7, 11)}`;
  }

  take(): string {
    if (this.next > 0xffffffff) throw new Error('TimeOrderedIds: more than 2^32 ids in one batch');
    return `${this.prefix}${(this.next++).toString(16).padStart(8, '0')}`;
  }
}
