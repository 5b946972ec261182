import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** Server-rendered pages: React escapes every value, so subscriber data can never become markup. */

const css = `
  :root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #57606a; --accent: #0b5cad; --line: #d0d7de; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --accent: #58a6ff; --line: #30363d; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 56rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
  a { color: var(--accent); }
  h1 { font-size: 1.6rem; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  .muted { color: var(--muted); }
  iframe { width: 100%; min-height: 70vh; border: 1px solid var(--line); background: #fff; }
  pre { white-space: pre-wrap; word-break: break-word; border: 1px solid var(--line); padding: 1rem; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
`;

export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Rapport`}</title>
        <style>{css}</style>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function renderPage(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}
