import { describe, expect, it } from 'vitest';
import { linkTo, pathTo, publicPaths } from '../../../domain/public-links.ts';

describe('public link paths', () => {
  it('fills every parameter of a pattern and encodes it', () => {
    expect(pathTo('upload', { token: 'abc' })).toBe('/upload/abc');
    expect(pathTo('uploadStatus', { token: 'abc', exportId: '0000-1' })).toBe('/upload/abc/status/0000-1');
    // A value can never add a path segment or a query of its own.
    expect(pathTo('answers', { token: '../x?y=1' })).toBe('/a/..%2Fx%3Fy%3D1');
  });

  it('adds the query in order, encoded', () => {
    expect(pathTo('answers', { token: 't' }, { item: 3, answer: 'known' })).toBe('/a/t?item=3&answer=known');
    expect(pathTo('answers', { token: 't' }, { note: 'a b&c' })).toBe('/a/t?note=a+b%26c');
  });

  it('refuses a missing parameter rather than build a broken link', () => {
    expect(() => pathTo('revert', { token: '' })).toThrow(/missing token/);
  });

  it('joins the public URL without doubling its slash', () => {
    expect(linkTo('https://rapport.example/', 'unsubscribe', { token: 'u1' })).toBe('https://rapport.example/u/u1');
    expect(linkTo('https://rapport.example', 'confirm', { token: 'c1' })).toBe('https://rapport.example/confirm/c1');
  });

  it('every pattern is a distinct absolute path', () => {
    const patterns = Object.values(publicPaths);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const pattern of patterns) expect(pattern).toMatch(/^\/[a-z-]+(\/(:[a-zA-Z]+|[a-z-]+))*$/);
  });
});
