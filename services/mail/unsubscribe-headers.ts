import { linkTo } from '../../domain/public-links.ts';

/**
 * RFC 8058 one-click unsubscribe: an https URI that takes the POST, plus a mailto for clients that
 * prefer mail (it arrives as a reply with subject "unsubscribe"). DKIM signs both headers.
 */
export function unsubscribeHeaders(publicUrl: string, replyAddress: string, unsubscribeToken: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${linkTo(publicUrl, 'unsubscribe', { token: unsubscribeToken })}>, <mailto:${replyAddress}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
