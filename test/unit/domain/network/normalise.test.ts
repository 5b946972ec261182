import { describe, expect, it } from 'vitest';
import { containsPhrase, normaliseCompany, normaliseText } from '../../../../domain/network/index.ts';
import { readableCompany } from '../../../../domain/network/normalise.ts';

describe('normaliseText', () => {
  it.each([
    ['Senior Product Manager', 'senior product manager'],
    ['  Head   of\tData ', 'head of data'],
    ['Ingénieure logiciel', 'ingenieure logiciel'],
    ['Société Générale', 'societe generale'],
    ['SOCIÉTÉ GÉNÉRALE', 'societe generale'],
    ['Weiß', 'weiss'],
    ['Nyström & Søn', 'nystrom and son'],
    ['Łódź', 'lodz'],
    ['Æon Œuvre', 'aeon oeuvre'],
    ['S.A.', 'sa'],
    ["McDonald's", 'mcdonalds'],
    ['R&D / Data-Science', 'r and d data science'],
    ['ＡＣＭＥ', 'acme'],
    ['Ｃｏｍｐａｎｙ　１', 'company 1'],
    ['東京 Tokyo', '東京 tokyo'],
    ['', ''],
    ['!!!', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseText(raw)).toBe(expected);
  });
});

describe('normaliseCompany', () => {
  it.each([
    ['Acme', 'acme'],
    ['ACME, Inc.', 'acme'],
    ['Acme Inc', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Co', 'acme'],
    ['Acme Company', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLP', 'acme'],
    ['Acme plc', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme SAS', 'acme'],
    ['Acme S.à r.l.', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme N.V.', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme AB', 'acme'],
    ['Acme Oy', 'acme'],
    ['Acme S.p.A.', 'acme'],
    ['SAP SE', 'sap'],
    ['The Acme', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Nestlé S.A.', 'nestle'],
    ['Müller Logistik AG', 'muller logistik'],
    ['The Coca-Cola Company', 'coca cola'],
    ['Procter & Gamble Co.', 'procter and gamble'],
    ['Johnson & Johnson', 'johnson and johnson'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseCompany(raw)).toBe(expected);
  });

  it.each([
    ['Inc', 'inc'],
    ['Company', 'company'],
    ['The', 'the'],
    ['Co', 'co'],
  ])('never strips the last word: %j → %j', (raw, expected) => {
    expect(normaliseCompany(raw)).toBe(expected);
  });

  it('keeps words that tell companies apart', () => {
    expect(normaliseCompany('Acme Group')).toBe('acme group');
    expect(normaliseCompany('Acme Labs')).not.toBe(normaliseCompany('Acme'));
    expect(normaliseCompany('Incorporated Acme')).toBe('incorporated acme');
  });

  it('maps empty and blank names to the empty key', () => {
    expect(normaliseCompany('')).toBe('');
    expect(normaliseCompany(' , ')).toBe('');
  });
});

describe('containsPhrase', () => {
  it.each([
    ['senior product manager', 'product manager', true],
    ['product manager', 'product manager', true],
    ['product manager emea', 'product manager', true],
    ['senior software engineer', 'engineer', true],
    ['engineering manager', 'engineer', false],
    ['data scientist', 'data', true],
    ['big database admin', 'data', false],
    ['metadata lead', 'data', false],
    ['head of data', 'head of data', true],
    ['head of data', 'of data head', false],
    ['anything', '', false],
    ['', 'data', false],
    ['data data', 'data', true],
    ['datadata data', 'data', true],
  ])('%j contains %j: %s', (text, phrase, expected) => {
    expect(containsPhrase(text, phrase)).toBe(expected);
  });
});

describe('readableCompany', () => {
  it.each([
    ['Pinecrest Consulting B.V..', 'Pinecrest Consulting'],
    ['ACME, Inc.', 'ACME'],
    ['Globex Gmbh & Co. KG', 'Globex'],
    ['ING Bank N.V.', 'ING Bank'],
    ['Volvo AB', 'Volvo'],
    ['Wayne Enterprises Inc.', 'Wayne Enterprises'],
    ['  Foo   Bar  ,,', 'Foo Bar'],
    // What is left would be too short to name the company: the legal form stays.
    ['AB AB', 'AB AB'],
    ['Co Ltd', 'Co Ltd'],
    // Legal-looking words inside a name are part of it.
    ['Pty Ltd Holdings Pty Ltd', 'Pty Ltd Holdings'],
    ['SEB', 'SEB'],
    ['Umbrella Corp.', 'Umbrella Corp.'],
    ['', ''],
  ])('%j reads as %j', (company, shown) => {
    expect(readableCompany(company)).toBe(shown);
  });
});
