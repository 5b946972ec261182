/**
 * Mail that no person wrote: acting on it or answering it risks loops between robots (RFC 3834).
 * Returns the reason, or null for mail a person sent.
 */
export function automatedMailReason(headers: Map<string, unknown> | Record<string, unknown>, envelopeFrom: string | null): string | null {
  const get = (name: string): string => {
    const value = headers instanceof Map ? headers.get(name) : headers[name];
    if (value == null) return '';
    if (typeof value === 'string') return value.toLowerCase();
    if (typeof value === 'object' && 'value' in (value as object)) return String((value as { value: unknown }).value).toLowerCase();
    return String(value).toLowerCase();
  };
  const autoSubmitted = get('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (get('x-autoreply') || get('x-autorespond')) return 'X-Autoreply';
  if (get('x-auto-response-suppress').includes('all')) return 'X-Auto-Response-Suppress';
  const precedence = get('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  const keys = headers instanceof Map ? [...headers.keys()] : Object.keys(headers);
  // mailparser folds every List-* header into one 'list' entry.
  const listHeader = keys.find((k) => k.toLowerCase() === 'list' || k.toLowerCase().startsWith('list-'));
  if (listHeader) return `${listHeader} header`;
  // '' is the null return path (<>) of bounces and robots; null means we were not told it.
  if (envelopeFrom === '' || envelopeFrom === '<>') return 'empty return path';
  const local = (envelopeFrom ?? '').toLowerCase().split('@')[0] ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster' || local.startsWith('owner-') || local.endsWith('-request')) {
    return `sender ${local}`;
  }
  return null;
}
