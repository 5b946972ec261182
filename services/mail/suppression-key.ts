import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { findSuppressionKeyFingerprint, hasAnySuppression, recordSuppressionKeyFingerprint } from '../../db/queries/suppressions.ts';

/**
 * Which SUPPRESSION_SECRET the suppression list is hashed under, without storing the key: the HMAC
 * of a fixed label. A process started with another key would silently stop recognising every
 * suppressed address (and hash new ones under a key the others do not share), so it refuses to
 * start instead. Changing the label changes every fingerprint: never do.
 */
const FINGERPRINT_LABEL = 'rapport suppression-key fingerprint v1';

export function suppressionKeyFingerprint(secret: string): Buffer {
  return createHmac('sha256', secret).update(FINGERPRINT_LABEL).digest();
}

export class SuppressionKeyError extends Error {
  override name = 'SuppressionKeyError';
}

/**
 * Compares the configured key with the one the list was hashed under (recorded by migration
 * 20261203140000_suppression_key_fingerprint). An empty list has nothing to lose: its fingerprint
 * is replaced by the configured key's, so a fresh database may be migrated before the real key is set.
 */
export async function checkSuppressionKey(db: DbOrTx, secret: string): Promise<'same' | 'adopted'> {
  const configured = suppressionKeyFingerprint(secret);
  const stored = await findSuppressionKeyFingerprint(db);
  if (stored && stored.length === configured.length && timingSafeEqual(stored, configured)) return 'same';
  if (await hasAnySuppression(db)) {
    throw new SuppressionKeyError(
      'SUPPRESSION_SECRET is not the key the suppression list was written with, so suppressed addresses would be mailed again. ' +
        'Start with the key the list was written with (see docs/security.md, "Inbound mail: bounces, senders, suppressions").',
    );
  }
  await recordSuppressionKeyFingerprint(db, configured);
  return 'adopted';
}
