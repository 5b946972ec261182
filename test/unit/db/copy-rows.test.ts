import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../db/copy-rows.ts';

describe('csvLine (COPY … FORMAT csv)', () => {
  it.each([
    [[null], ''],
    [[''], '""'],
    [['plain', 3, true], 'plain,3,true'],
    [['Acme, Inc.'], '"Acme, Inc."'],
    [['Jane "JJ" Doe'], '"Jane ""JJ"" Doe"'],
    [['line\nbreak'], '"line\nbreak"'],
    [['nul\0byte'], '"nulbyte"'],
    [['=HYPERLINK()', '🌱 Jane'], '=HYPERLINK(),🌱 Jane'],
  ])('%j → %s', (values, expected) => {
    expect(csvLine(values)).toBe(expected);
  });
});
