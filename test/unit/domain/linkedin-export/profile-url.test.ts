import { describe, expect, it } from 'vitest';
import { normaliseProfileUrl } from '../../../../domain/linkedin-export/index.ts';
import { splitProfileUrls } from '../../../../domain/linkedin-export/profile-url.ts';

describe('normaliseProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe-1a2b3c', 'linkedin.com/in/jane-doe-1a2b3c'],
    ['http://linkedin.com/in/Jane-Doe/', 'linkedin.com/in/jane-doe'],
    ['www.linkedin.com/in/jane-doe', 'linkedin.com/in/jane-doe'],
    ['linkedin.com/in/jane-doe', 'linkedin.com/in/jane-doe'],
    ['  https://www.linkedin.com/in/jane-doe?trk=abc#about  ', 'linkedin.com/in/jane-doe'],
    ['https://uk.linkedin.com/in/jane-doe', 'linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/jane-doe/details/experience/', 'linkedin.com/in/jane-doe'],
    ['HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE', 'linkedin.com/in/jane-doe'],
  ])('%s → %s', (url, key) => {
    expect(normaliseProfileUrl(url)).toBe(key);
  });

  it('joins a percent-encoded slug (Connections) with raw Unicode (Invitations) and a schemeless one (Endorsements)', () => {
    const encoded = normaliseProfileUrl('https://www.linkedin.com/in/jane-%C3%A5ngstr%C3%B6m-%F0%9F%8C%B1');
    expect(encoded).toBe('linkedin.com/in/jane-ångström-🌱');
    expect(normaliseProfileUrl('https://www.linkedin.com/in/jane-ångström-🌱')).toBe(encoded);
    expect(normaliseProfileUrl('www.linkedin.com/in/Jane-Ångström-🌱')).toBe(encoded);
    expect(normaliseProfileUrl('https://www.linkedin.com/in/JANE-%C3%85NGSTR%C3%96M-%F0%9F%8C%B1')).toBe(encoded);
  });

  it('joins decomposed and composed accents', () => {
    expect(normaliseProfileUrl('linkedin.com/in/jose\u0301')).toBe(normaliseProfileUrl('linkedin.com/in/josé'));
  });

  it('tolerates malformed escapes, keeping them as written', () => {
    expect(normaliseProfileUrl('https://www.linkedin.com/in/jane-%E9-doe')).toBe('linkedin.com/in/jane-%e9-doe');
    expect(normaliseProfileUrl('https://www.linkedin.com/in/jane-%zz')).toBe('linkedin.com/in/jane-%zz');
    expect(normaliseProfileUrl('https://www.linkedin.com/in/j%C3%A5ne-%E9')).toBe('linkedin.com/in/jåne-%e9');
  });

  it.each([
    [''],
    ['urn:li:member:123456'],
    ['https://www.linkedin.com/company/acme'],
    ['https://www.linkedin.com/pub/jane-doe/1/2/3'],
    ['https://www.linkedin.com/in/'],
    ['https://linkedin.com.evil.example/in/jane'],
    ['https://evil.example/in/jane'],
    ['jane.doe@example.com'],
    ['https://www.linkedin.com/in/jane doe'],
  ])('%j is not a profile URL', (url) => {
    expect(normaliseProfileUrl(url)).toBeNull();
  });
});

describe('splitProfileUrls', () => {
  it('splits comma-joined recipient URLs only where a new URL starts', () => {
    expect(
      splitProfileUrls('https://www.linkedin.com/in/jane-doe,https://www.linkedin.com/in/john-roe, www.linkedin.com/in/ana'),
    ).toEqual(['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/john-roe', 'www.linkedin.com/in/ana']);
    expect(splitProfileUrls('https://www.linkedin.com/in/odd,slug')).toEqual(['https://www.linkedin.com/in/odd,slug']);
    expect(splitProfileUrls('')).toEqual([]);
  });
});
