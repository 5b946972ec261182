import type { ConnectionRecord } from '../linkedin-export/types.ts';

/**
 * The key a connection is stored under: its normalised profile URL, or, for eras whose
 * Connections.csv has no URL column, its name. Must match the parser's evidence keys.
 */
export function connectionKey(record: Pick<ConnectionRecord, 'profileKey' | 'firstName' | 'lastName'>): string {
  return record.profileKey ?? `name:${record.firstName.trim()} ${record.lastName.trim()}`.toLowerCase();
}
