/**
 * What Chromium sees of one rendered digest: visible words before the footer, the items' texts,
 * how far down a phone the footer starts, axe-core's findings in light and dark, and the PNGs.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runAxe } from '../../dev/axe.ts';


export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 800, height: 1000 };

export interface PageFigures {
  words: number;
  /** innerText of each [data-item] element, in document order. */
  itemTexts: string[];
  /** Document y of the top of [data-part="footer"] at 390×844; null when there is no footer. */
  footerTopPx: number | null;
  /** The first ~200 characters of visible text, whitespace collapsed. */
  opening: string;
}

export interface AxeFigures {
  contrastNodes: number;
  /** Serious and critical violations other than color-contrast: rule id → nodes. */
  otherSerious: Record<string, number>;
  /** Failing colour pairs: "3× #2563eb on #1a1d23 (3.26:1), e.g. [selector]". */
  contrastSamples: string[];
}

// Passed as source text: tsx (esbuild keepNames) wraps functions written here in a __name helper
// that does not exist inside the page.
const READ_PAGE = `(() => {
  const count = (text) => text.split(/\\s+/).filter(Boolean).length;
  const footer = document.querySelector('[data-part="footer"]');
  const all = document.body.innerText;
  return {
    words: count(all) - (footer ? count(footer.innerText) : 0),
    // An item's words, not its buttons: "Known / Know well / Don't know" under every person is a
    // control repeated by design, not a clause said twice.
    itemTexts: [...document.querySelectorAll('[data-item]')].map((el) => {
      const buttons = [...el.querySelectorAll('a[class*="rp-button"]')];
      const shown = buttons.map((b) => b.style.display);
      buttons.forEach((b) => (b.style.display = 'none'));
      const text = el.innerText;
      buttons.forEach((b, i) => (b.style.display = shown[i]));
      return text;
    }),
    footerTopPx: footer ? Math.round(footer.getBoundingClientRect().top + window.scrollY) : null,
    opening: all.replace(/\\s+/g, ' ').trim().slice(0, 200),
  };
})()`;

async function readPage(page: Page): Promise<PageFigures> {
  return (await page.evaluate(READ_PAGE)) as PageFigures;
}


async function axeFigures(page: Page): Promise<AxeFigures> {
  const result = await runAxe(page);
  const contrast = result.violations.filter((v) => v.id === 'color-contrast');
  const otherSerious: Record<string, number> = {};
  for (const v of result.violations) {
    if (v.id !== 'color-contrast' && (v.impact === 'serious' || v.impact === 'critical')) otherSerious[v.id] = v.nodes.length;
  }
  // Failures grouped by colour pair, with one element of each as an example.
  const pairs = new Map<string, { nodes: number; example: string }>();
  for (const node of contrast.flatMap((v) => v.nodes)) {
    const d = node.any[0]?.data;
    const pair = `${d?.fgColor ?? '?'} on ${d?.bgColor ?? '?'} (${d?.contrastRatio ?? '?'}:1)`;
    const seen = pairs.get(pair) ?? { nodes: 0, example: JSON.stringify(node.target) };
    seen.nodes++;
    pairs.set(pair, seen);
  }
  const samples = [...pairs].map(([pair, { nodes, example }]) => `${nodes}× ${pair}, e.g. ${example}`);
  return { contrastNodes: contrast.reduce((sum, v) => sum + v.nodes.length, 0), otherSerious, contrastSamples: samples };
}

export interface DigestView {
  page: PageFigures;
  axeLight: AxeFigures;
  axeDark: AxeFigures;
  screenshots: string[];
}

/** Opens the digest saved at `htmlFile` three ways and photographs each as `<shotPrefix>-{desktop,phone,phone-dark}.png`. */
export async function viewDigest(context: BrowserContext, htmlFile: string, shotPrefix: string): Promise<DigestView> {
  const url = `file://${path.resolve(htmlFile)}`;
  const open = async (viewport: { width: number; height: number }, colorScheme: 'light' | 'dark') => {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme });
    await page.goto(url);
    return page;
  };
  const screenshots: string[] = [];
  const shoot = async (page: Page, suffix: string) => {
    const file = `${shotPrefix}-${suffix}.png`;
    await page.screenshot({ path: file, fullPage: true });
    screenshots.push(file);
  };

  const phone = await open(PHONE, 'light');
  const figures = await readPage(phone);
  await shoot(phone, 'phone');
  const axeLight = await axeFigures(phone);
  await phone.close();

  const dark = await open(PHONE, 'dark');
  await shoot(dark, 'phone-dark');
  const axeDark = await axeFigures(dark);
  await dark.close();

  const desktop = await open(DESKTOP, 'light');
  await shoot(desktop, 'desktop');
  await desktop.close();

  return { page: figures, axeLight, axeDark, screenshots: [screenshots[2]!, screenshots[0]!, screenshots[1]!] };
}
