/**
 * Hostile zip archives, built in code: fflate's zipSync for honest archives, then raw byte patching
 * for the lies (declared sizes, flags, ZIP64 sentinels, entry counts, overlapping entries).
 * Offsets follow PKWARE APPNOTE 4.3.7 (local header), 4.3.12 (central header) and 4.3.16 (end record).
 */
import { zipSync, type Zippable } from 'fflate';

export const LOCAL_HEADER = 0x04034b50;
export const CENTRAL_HEADER = 0x02014b50;
export const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** An honest zip; `level` 0 stores, 6 deflates. */
export function zip(files: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) entries[name] = [typeof content === 'string' ? utf8(content) : content, { level }];
  return zipSync(entries);
}

export function signatureOffsets(bytes: Uint8Array, signature: number): number[] {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let i = 0; i + 4 <= view.length; i++) if (view.readUInt32LE(i) === signature) offsets.push(i);
  return offsets;
}

export interface HeaderField {
  central: number;
  local: number;
  size: 2 | 4;
}
export const FLAGS: HeaderField = { central: 8, local: 6, size: 2 };
export const METHOD: HeaderField = { central: 10, local: 8, size: 2 };
export const COMPRESSED_SIZE: HeaderField = { central: 20, local: 18, size: 4 };
export const UNCOMPRESSED_SIZE: HeaderField = { central: 24, local: 22, size: 4 };

/** Rewrites one field in every central and local header. */
export function patchHeaders(bytes: Uint8Array, field: HeaderField, value: (old: number) => number): Uint8Array {
  const out = Buffer.from(bytes);
  for (const [signature, offset] of [
    [CENTRAL_HEADER, field.central],
    [LOCAL_HEADER, field.local],
  ] as const) {
    for (const at of signatureOffsets(out, signature)) {
      if (field.size === 2) out.writeUInt16LE(value(out.readUInt16LE(at + offset)) & 0xffff, at + offset);
      else out.writeUInt32LE(value(out.readUInt32LE(at + offset)) >>> 0, at + offset);
    }
  }
  return new Uint8Array(out);
}

function endRecordOffset(bytes: Uint8Array): number {
  const offsets = signatureOffsets(bytes, END_OF_CENTRAL_DIRECTORY);
  const at = offsets.at(-1);
  if (at === undefined) throw new Error('no end of central directory record');
  return at;
}

/** The end record claims `count` entries (on this disk and in total); the directory is unchanged. */
export function withClaimedEntryCount(bytes: Uint8Array, count: number): Uint8Array {
  const out = Buffer.from(bytes);
  const at = endRecordOffset(out);
  out.writeUInt16LE(count, at + 8);
  out.writeUInt16LE(count, at + 10);
  return new Uint8Array(out);
}

/**
 * Inserts a ZIP64 end record and locator before the end record, claiming `entries` entries; the
 * classic end record says 0xffff, as ZIP64 writers do.
 */
export function withZip64EntryCount(bytes: Uint8Array, entries: bigint): Uint8Array {
  const source = Buffer.from(bytes);
  const eocd = endRecordOffset(source);
  const cdSize = source.readUInt32LE(eocd + 12);
  const cdOffset = source.readUInt32LE(eocd + 16);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeUInt32LE(0, 16);
  record.writeUInt32LE(0, 20);
  record.writeBigUInt64LE(entries, 24);
  record.writeBigUInt64LE(entries, 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeUInt32LE(0, 4);
  locator.writeBigUInt64LE(BigInt(eocd), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.from(source.subarray(eocd));
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  return new Uint8Array(Buffer.concat([source.subarray(0, eocd), record, locator, end]));
}

/**
 * Overlapping entries (David Fifield's "better zip bomb" shape): one local file, and `copies`
 * central records that all point at it under different names.
 */
export function overlappingEntries(name: string, content: Uint8Array, names: string[]): Uint8Array {
  const honest = Buffer.from(zip({ [name]: content }, 9));
  const centralAt = signatureOffsets(honest, CENTRAL_HEADER)[0]!;
  const eocd = endRecordOffset(honest);
  const nameLength = honest.readUInt16LE(centralAt + 28);
  const extraLength = honest.readUInt16LE(centralAt + 30);
  const commentLength = honest.readUInt16LE(centralAt + 32);
  const fixed = honest.subarray(centralAt, centralAt + 46);
  const tail = honest.subarray(centralAt + 46 + nameLength, centralAt + 46 + nameLength + extraLength + commentLength);
  const records = names.map((copyName) => {
    const encoded = Buffer.from(copyName, 'utf8');
    const head = Buffer.from(fixed);
    head.writeUInt16LE(encoded.length, 28);
    return Buffer.concat([head, encoded, tail]);
  });
  const directory = Buffer.concat(records);
  const end = Buffer.from(honest.subarray(eocd));
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return new Uint8Array(Buffer.concat([honest.subarray(0, centralAt), directory, end]));
}

/** Overwrites `length` bytes of the first entry's compressed data with 0xff. */
export function garbledData(bytes: Uint8Array): Uint8Array {
  const out = Buffer.from(bytes);
  const at = signatureOffsets(out, LOCAL_HEADER)[0]!;
  const dataStart = at + 30 + out.readUInt16LE(at + 26) + out.readUInt16LE(at + 28);
  out.fill(0xff, dataStart, dataStart + 40);
  return new Uint8Array(out);
}

/** A zip with no entries: only the 22-byte end record. */
export function emptyZip(): Uint8Array {
  return zip({});
}

/** `count` tiny stored entries that Rapport does not read. */
export function manyEntries(count: number, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) files[`Rich_Media/${i}.txt`] = '';
  return zip(files, 0);
}
