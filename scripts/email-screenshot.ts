/**
 * Renders every email with its PreviewProps and photographs it in headless Chromium (Debian's, never
 * a downloaded one): desktop, phone, and phone in dark mode. PNGs land in var/screenshots/emails.
 * Usage: npm run email:screenshot
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EMAIL_NAMES, renderEmail, type EmailName, type EmailProps } from '../emails/render.ts';
import { launchBrowser } from '../dev/browser.ts';

const outDir = path.resolve('var/screenshots/emails');
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });

const templates = await Promise.all(
  EMAIL_NAMES.map(async (name) => {
    const module = (await import(`../emails/${name}.tsx`)) as { default: { PreviewProps: unknown } };
    return { name, props: module.default.PreviewProps as EmailProps[EmailName] };
  }),
);

const views = [
  { suffix: 'desktop', viewport: { width: 800, height: 1000 }, colorScheme: 'light' as const },
  { suffix: 'phone', viewport: { width: 390, height: 844 }, colorScheme: 'light' as const },
  { suffix: 'phone-dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' as const },
];

const { context, close } = await launchBrowser();
try {
  for (const { name, props } of templates) {
    const email = await renderEmail(name, props as never);
    const htmlFile = path.join(outDir, `${name}.html`);
    await writeFile(htmlFile, email.html);
    for (const view of views) {
      const page = await context.newPage();
      await page.setViewportSize(view.viewport);
      await page.emulateMedia({ colorScheme: view.colorScheme });
      await page.goto(`file://${htmlFile}`);
      const file = path.join(outDir, `${name}-${view.suffix}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await page.close();
      console.log(file);
    }
  }
} finally {
  await close();
}
