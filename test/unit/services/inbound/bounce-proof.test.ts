import { describe, expect, it } from 'vitest';
import { quotedMessageIds } from '../../../../services/inbound/bounce-proof.ts';
import { deliveryReport } from '../../../support/hostile/emails.ts';

describe('Message-IDs a delivery report proves', () => {
  const original = '<digest-1@rapport.localhost>';
  it('reads the Message-ID of the returned message', () => {
    expect(quotedMessageIds(deliveryReport({ to: 'postmaster@reply.example', finalRecipient: 'a@example.com', originalMessageId: original }))).toEqual([original]);
  });
  it("ignores the report's own In-Reply-To and References, which anyone who saw a forwarded digest can write", () => {
    const raw = deliveryReport({ to: 'nobody@reply.example', finalRecipient: 'a@example.com', references: original });
    expect(raw.toString()).toContain(`References: ${original}`);
    expect(quotedMessageIds(raw)).toEqual([]);
  });
  it('ignores a Message-ID line in the human-readable part', () => {
    const raw = Buffer.from(deliveryReport({ to: 'nobody@reply.example', finalRecipient: 'a@example.com' }).toString().replace('Your message could not be delivered.', `Your message could not be delivered.\r\nMessage-ID: ${original}`));
    expect(quotedMessageIds(raw)).toEqual([]);
  });
});
