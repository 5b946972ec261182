/**
 * axe-core in a page Playwright drives, for the digest review (emails) and the page tour (web
 * pages). Evaluated rather than added as a script tag: the pages' Content-Security-Policy refuses
 * inline scripts, and it should, so the checker comes in the way a debugger would.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeResult {
  violations: Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: unknown; failureSummary?: string; any: Array<{ data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } }> }>;
  }>;
}

/** axe-core's violations on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeResult> {
  const loaded = await page.evaluate("typeof window.axe !== 'undefined'");
  if (!loaded) await page.evaluate(await axeSource);
  return (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
}

/** The serious and critical violations, one line each: "color-contrast (2): Elements must meet … e.g. [".muted"]". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await runAxe(page);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length}): ${v.help}, e.g. ${JSON.stringify(v.nodes[0]?.target)}`);
}
