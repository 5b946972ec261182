/**
 * `npm run screenshots`: a PNG of every web page (dev/page-tour.ts), at phone and desktop width and
 * at phone width in dark mode, for review, saved to <VAR_DIR>/screenshots/<page>-<width>.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../runtime/config.ts';
import { tourPages } from '../dev/page-tour.ts';

const outDir = path.resolve(loadConfig().varDir, 'screenshots');
await mkdir(outDir, { recursive: true });
await tourPages(async (page, { name, viewport }) => {
  const file = path.join(outDir, `${name}-${viewport.label}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(path.relative(process.cwd(), file));
});
