/**
 * axe-core on every web page of the tour (dev/page-tour.ts: the pages `npm run screenshots`
 * photographs, forms with their errors included), at phone and desktop width and in dark mode, in
 * Debian's Chromium: no serious or critical violation anywhere.
 */
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../../dev/axe.ts';
import { tourPages } from '../../dev/page-tour.ts';

/**
 * bull-board's own dashboard (operators only, behind ADMIN_TOKEN) is a library's markup, not ours:
 * axe finds unnamed icon buttons and low-contrast badges in it. Left out here, and said so in docs/web.md.
 */
const NOT_OURS = new Set(['admin-queues']);

describe('accessibility of every page', () => {
  it('axe-core finds nothing serious or critical on any page, light or dark, phone or desktop', async () => {
    const found: string[] = [];
    let pages = 0;
    await tourPages(async (page, { name, viewport }) => {
      if (NOT_OURS.has(name)) return;
      pages++;
      for (const violation of await seriousViolations(page)) found.push(`${name} (${viewport.label}): ${violation}`);
    });
    // The tour is every page at three widths: if it shrank, this test would prove less.
    expect(pages).toBeGreaterThanOrEqual(99);
    expect(found).toEqual([]);
  }, 600_000);
});
