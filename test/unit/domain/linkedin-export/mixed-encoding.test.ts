import { describe, expect, it } from 'vitest';
import { MixedTextDecoder } from '../../../../domain/linkedin-export/decode.ts';
import { CONNECTIONS_HEADER_2018, parseBytes } from './fixtures.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const decodeAll = (chunks: Buffer[]) => {
  const decoder = new MixedTextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
};

describe('text that mixes UTF-8 and the Windows code page', () => {
  it('reads clean UTF-8 and clean Windows-1252 alike', () => {
    expect(decodeAll([utf8('Zoë Ångström, 東京')])).toBe('Zoë Ångström, 東京');
    expect(decodeAll([latin1('José Müller')])).toBe('José Müller');
    expect(decodeAll([Buffer.from([0x80, 0x20, 0x93, 0x61, 0x94])])).toBe('€ “a”');
  });

  it('reads each field in the encoding it was written in', () => {
    expect(decodeAll([Buffer.concat([utf8('Zoë,'), latin1('José'), utf8(',Ærø')])])).toBe('Zoë,José,Ærø');
  });

  it('keeps a UTF-8 character split across chunks whole', () => {
    const bytes = utf8('a€b');
    expect(decodeAll([bytes.subarray(0, 2), bytes.subarray(2, 3), bytes.subarray(3)])).toBe('a€b');
  });

  it('reads a lone lead byte at the very end, and broken or overlong sequences, byte by byte', () => {
    expect(decodeAll([Buffer.from([0x61, 0xc3])])).toBe('aÃ');
    expect(decodeAll([Buffer.from([0xe2, 0x82, 0x41])])).toBe('â‚A');
    expect(decodeAll([Buffer.from([0xc0, 0xaf])])).toBe('À¯');
  });

  it('imports a Connections.csv whose rows came from both encodings without garbling either', async () => {
    const file = Buffer.concat([
      utf8(`${CONNECTIONS_HEADER_2018}\nZoë,Ångström,,Acme,CTO,09 Sep 2021\n`),
      latin1('José,Müller,,Société Générale,PM,10 Sep 2021\n'),
    ]);
    const parsed = await parseBytes(file);
    expect(parsed.connections.map((c) => `${c.firstName} ${c.lastName} @ ${c.company}`)).toEqual(['Zoë Ångström @ Acme', 'José Müller @ Société Générale']);
  });
});
