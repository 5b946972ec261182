import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { palette } from '../../../emails/components/theme.ts';

const { light, dark } = palette;

/** Server-rendered pages: React escapes every value, so subscriber data can never become markup. */

const css = `
  :root { color-scheme: light dark; --fg: ${light.text}; --bg: ${light.card}; --muted: ${light.muted}; --accent: ${light.accent}; --line: ${light.border}; }
  @media (prefers-color-scheme: dark) { :root { --fg: ${dark.text}; --bg: ${dark.page}; --muted: ${dark.muted}; --accent: ${dark.accent}; --line: ${dark.border}; } }
  /* The progress chart is the emails' component: its inline colours are the light scheme's. */
  @media (prefers-color-scheme: dark) {
    .rp-text { color: var(--fg) !important; } .rp-muted { color: var(--muted) !important; }
    .rp-bar-close { background-color: ${dark.barClose} !important; } .rp-bar-known { background-color: ${dark.barKnown} !important; }
  }
  .progress { margin: 0 0 1.5rem; }
  .tapped { margin: 0 0 1.5rem; }
  .tapped button.confirm { width: 100%; font-size: 1.125rem; padding: 1rem 1.25rem; margin: 0 0 .5rem; }
  /* review.js: what happened to an item, beside it; the tapped box once its answer is saved. */
  .item-status p { margin: .5rem 0 0; }
  .item-status.is-error { color: #b42318; font-weight: 600; }
  @media (prefers-color-scheme: dark) { .item-status.is-error { color: #ff8a80; } }
  .item-status button.small { margin: 0 0 0 .25rem; padding: .35rem .9rem; }
  .tapped[data-state=saved] .item-status, .tapped[data-state=kept] .item-status { border: 2px solid var(--accent); border-radius: 8px; padding: .75rem 1rem; margin: 0 0 .5rem; }
  .tapped .item-status h2 { font-size: 1.25rem; margin: 0; }
  .tapped .item-status h2 + p { margin-top: .25rem; }
  /* The chart's tables are the email's, sized by their own cells: not the pages' data tables. */
  .progress table { width: auto; border-collapse: separate; }
  .progress td { padding: 0; border: 0; }
  .site-header { max-width: 56rem; margin: 0 auto; padding: 1rem 1rem 0; display: flex; align-items: center; gap: .5rem; font-weight: 700; }
  .site-header .mark { display: inline-block; width: 24px; height: 24px; line-height: 24px; border-radius: 6px; text-align: center; background: var(--accent); color: ${light.accentText}; font-size: 15px; }
  @media (prefers-color-scheme: dark) { .site-header .mark { color: ${dark.accentText}; } }
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
  fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 1rem; padding: .75rem 1rem 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  .detail { color: var(--muted); margin: .25rem 0 .75rem; }
  .choices { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
  .choices label { display: inline-flex; align-items: center; gap: .4rem; min-height: 44px; cursor: pointer; }
  input[type=radio] { width: 1.25rem; height: 1.25rem; }
  button { font: inherit; font-weight: 600; padding: .7rem 1.4rem; min-height: 44px; border-radius: 8px; border: 0; background: var(--accent); color: #fff; cursor: pointer; }
  @media (prefers-color-scheme: dark) { button { color: #0d1117; } }
  button.secondary { background: transparent; color: var(--accent); border: 2px solid var(--accent); padding: .5rem 1rem; }
  .notice { border-left: 4px solid var(--accent); padding: .5rem 1rem; margin: 1rem 0; }
  .error { color: #b42318; font-weight: 600; }
  @media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
  .error-summary { border: 3px solid #b42318; border-radius: 8px; padding: .5rem 1rem; margin: 1rem 0; }
  .error-summary h2 { margin-top: .5rem; }
  .error-summary a { color: #b42318; font-weight: 600; }
  @media (prefers-color-scheme: dark) { .error-summary { border-color: #ff8a80; } .error-summary a { color: #ff8a80; } }
  [aria-invalid=true] { border: 2px solid #b42318; }
  textarea, input[type=text], input[type=email], select { font: inherit; width: 100%; padding: .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
  ul.plain { list-style: none; padding: 0; }
  ul.plain li { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
  label { display: inline-block; font-weight: 600; margin: .75rem 0 .25rem; }
  .choices label, .check label { font-weight: normal; margin: 0; }
  input[type=password] { font: inherit; width: 100%; padding: .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
  input[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid #b42318; }
  form button[type=submit], .stack button { margin-top: 1rem; }
  .lead { font-size: 1.125rem; }
  .steps li { margin: .5rem 0; }
  .stack { max-width: 32rem; }
  /* The upload's drop zone: the file input shows until upload.js takes over, then its label is the button. */
  .dropzone { border: 2px dashed var(--line); border-radius: 12px; padding: 2rem 1rem; margin: 1rem 0; text-align: center; }
  .dropzone.over { border-color: var(--accent); border-style: solid; }
  .dropzone:focus-within { outline: 3px solid var(--accent); outline-offset: 2px; }
  .dropzone input[type=file] { display: block; margin: 1rem auto 0; max-width: 100%; }
  .dropzone.js input[type=file] { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
  .dropzone:not(.js) .when-js, .dropzone:not(.js) label.button { display: none; }
  .dropzone p { margin: .75rem 0 0; }
  label.button { margin: 0; cursor: pointer; }
  /* The guided start's steps: where one is, what is done, what comes. */
  ol.stepper { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0 0 1.5rem; color: var(--muted); font-size: .95rem; }
  ol.stepper li::before { content: counter(list-item) ". "; }
  ol.stepper li[aria-current=step] { color: var(--fg); font-weight: 700; }
  ol.stepper li.done { color: var(--fg); }
  ol.stepper li.done::after { content: " ✓"; }
  a.button, label.button { display: inline-flex; align-items: center; min-height: 44px; padding: .7rem 1.4rem; border-radius: 8px; background: var(--accent); color: #fff; font-weight: 600; text-decoration: none; }
  @media (prefers-color-scheme: dark) { a.button, label.button { color: #0d1117; } }
  a.button.secondary { background: transparent; color: var(--accent); border: 2px solid var(--accent); padding: .5rem 1rem; }
  .actions { display: flex; flex-wrap: wrap; gap: .75rem; }
  .check { display: flex; align-items: flex-start; gap: .6rem; margin-top: 1rem; }
  input[type=checkbox] { width: 1.25rem; height: 1.25rem; margin: .15rem 0 0; flex: none; }
  button.danger { background: #b42318; color: #fff; }
  @media (prefers-color-scheme: dark) { button.danger { background: #ff8a80; color: #0d1117; } }
  .admin-nav { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .75rem; margin-bottom: 1.25rem; }
  .admin-nav form { margin-left: auto; }
  .admin-nav button, ul.plain button { margin: 0; }
  .table-scroll { overflow-x: auto; margin: 0 0 1.5rem; }
  .table-scroll td { overflow-wrap: normal; }
  caption { text-align: left; font-weight: 600; padding: .5rem 0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  form[role=search] { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0 .75rem; }
  form[role=search] label { flex-basis: 100%; }
  form[role=search] input { flex: 1 1 14rem; width: auto; }
  code, td, .break-anywhere { overflow-wrap: anywhere; }
`;

export function Page({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Rapport`}</title>
        {/* The brand mark as the tab's icon; browsers that ask for /favicon.ico get the same. */}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>{css}</style>
      </head>
      <body>
        {/* The mark every email opens with, so a page opened from one looks like where it came from. */}
        <header className="site-header">
          <span className="mark" aria-hidden="true">R</span>
          <span className="site-name">Rapport</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function renderPage(element: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(element)}`;
}
