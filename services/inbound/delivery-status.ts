/**
 * Delivery status notifications (RFC 3464): which recipients failed permanently. Soft failures
 * (4.x.x, "delayed") are not bounces: the sending side retries those itself.
 */
export interface Bounce {
  recipient: string;
  status: string;
  permanent: boolean;
}

export function parseDeliveryStatus(report: string): Bounce[] {
  const bounces: Bounce[] = [];
  // Per-recipient fields come in blocks separated by blank lines, after the per-message block.
  for (const block of report.slice(0, 64 * 1024).split(/\r?\n\s*\r?\n/)) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim();
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    const action = field('Action')?.toLowerCase();
    if (!recipient || !action) continue;
    const address = recipient.replace(/^rfc822\s*;\s*/i, '').replace(/[<>]/g, '').trim().toLowerCase();
    const status = field('Status') ?? '';
    bounces.push({ recipient: address, status, permanent: action === 'failed' && status.startsWith('5') });
  }
  return bounces;
}

export function isDeliveryStatusReport(contentType: unknown): boolean {
  const value = contentType as { value?: string; params?: Record<string, string> } | undefined;
  return value?.value?.toLowerCase() === 'multipart/report' && value.params?.['report-type']?.toLowerCase() === 'delivery-status';
}
