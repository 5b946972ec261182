import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS } from '../../../emails/components/person.tsx';
import { palette } from '../../../emails/components/theme.ts';

/** WCAG 2.x relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('contrast helper', () => {
  it('gives the known WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // #767676 on white is the classic lightest AA grey, just above 4.5; #777777 is just below.
    expect(contrast('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrast('#777777', '#FFFFFF')).toBeLessThan(4.5);
  });
});

const AA = 4.5;

describe.each(['light', 'dark'] as const)('the %s palette', (scheme) => {
  const p = palette[scheme];
  type Colour = keyof typeof p;
  it.each<[Colour, Colour]>([
    ['text', 'card'],
    ['text', 'page'],
    ['muted', 'card'],
    ['muted', 'page'],
    ['accent', 'card'],
    ['accent', 'page'],
    ['secondaryText', 'secondaryBg'],
    ['accentText', 'accent'],
  ])(`shows %s on %s at ${AA}:1 or more`, (fg, bg) => {
    const ratio = contrast(p[fg], p[bg]);
    expect(ratio, `${scheme} ${fg} ${p[fg]} on ${bg} ${p[bg]}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(AA);
  });
});

describe('avatars', () => {
  it.each(AVATAR_COLOURS)(`show white initials on %s at ${AA}:1 or more`, (colour) => {
    expect(contrast('#ffffff', colour)).toBeGreaterThanOrEqual(AA);
  });
});
