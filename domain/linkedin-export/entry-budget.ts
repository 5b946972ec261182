/**
 * One bound on the memory the parser's per-person and per-conversation structures may take:
 * every connection, person with evidence, conversation, conversation member and sender it keeps
 * is one entry. Row limits per file bound most of it; this bounds the sum, whatever the files say
 * (one message row may name hundreds of recipients).
 */
import { ExportError } from './types.ts';

export class EntryBudget {
  private used = 0;

  constructor(private readonly max: number) {}

  /** Counts `count` more entries; past the bound the whole upload is refused. */
  take(count = 1): void {
    this.used += count;
    if (this.used > this.max) {
      throw new ExportError(
        'too_much_data',
        `This export lists more than ${this.max.toLocaleString('en')} people and conversations, far more than any LinkedIn export, so Rapport stopped reading it. Nothing was changed. Upload the .zip exactly as LinkedIn sent it.`,
      );
    }
  }

  get entries(): number {
    return this.used;
  }
}
