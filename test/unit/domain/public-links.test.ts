import { describe, expect, it } from 'vitest';
import { linkTo, pathTo, publicPaths, readPath } from '../../../domain/public-links.ts';

describe('public link paths', () => {
  it('fills every parameter of a pattern and encodes it', () => {
    expect(pathTo('upload', { token: 'abc' })).toBe('/upload/abc');
    expect(pathTo('uploadStatus', { token: 'abc', exportId: '0000-1' })).toBe('/upload/abc/status/0000-1');
    // A value can never add a path segment or a query of its own.
    expect(pathTo('answers', { token: '../x?y=1' })).toBe('/a/..%2Fx%3Fy%3D1');
  });

  it('reads a path back into its parameters, and nothing that is not of the pattern', () => {
    expect(readPath('answers', pathTo('answers', { token: 'abc' }))).toEqual({ token: 'abc' });
    expect(readPath('answers', pathTo('answers', { token: '../x?y=1' }))).toEqual({ token: '../x?y=1' });
    expect(readPath('uploadStatus', '/upload/t/status/e1')).toEqual({ token: 't', exportId: 'e1' });
    expect(readPath('answers', '/a/t?item=3')).toEqual({ token: 't' });
    expect(pathTo('introSent', readPath('answers', '/a/t')!)).toBe('/a/t/sent');
    for (const path of ['/a/t/undo', '/a/', '/u/t', 'https://x.example/a/t', '/a/%E0%A4%A']) expect(readPath('answers', path), path).toBeNull();
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
