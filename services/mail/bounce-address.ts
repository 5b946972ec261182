import { bounceTokenOutboxId, signBounceToken } from '../actions/tokens.ts';
import type { Config } from '../../runtime/config.ts';

export type BounceConfig = Pick<Config, 'inboundDomain' | 'tokenSecrets'>;

/**
 * The envelope sender (and so the Return-Path) of one outgoing message: bounce+TOKEN@ the inbound
 * domain, where the mx receives it. Delivery reports go to the envelope sender, never to From.
 */
export function bounceAddress(config: BounceConfig, outboxId: string, recipient: string): string {
  return `bounce+${signBounceToken(config.tokenSecrets, outboxId, recipient)}@${config.inboundDomain}`;
}

/** The bounce token in the first bounce+TOKEN@ our domain among these addresses, if any. */
export function findBounceToken(addresses: readonly string[], inboundDomain: string): { token: string; outboxId: string } | null {
  const domain = inboundDomain.toLowerCase();
  for (const address of addresses) {
    const match = /^bounce\+([a-z0-9]+)@(.+)$/i.exec(address.trim().replace(/^<|>$/g, ''));
    if (match?.[2]?.toLowerCase() !== domain) continue;
    const outboxId = bounceTokenOutboxId(match[1]!);
    if (outboxId) return { token: match[1]!.toLowerCase(), outboxId };
  }
  return null;
}
