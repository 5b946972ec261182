import type { DigestItem, WeeklyDigestProps } from '../../emails/weekly-digest.tsx';

/**
 * The benchmark's baseline (B-tpl): the same digest as plain template literals, with the same
 * sections, buttons, one-click mailto replies, inline styles and a hand-made text part. It is
 * what React Email's cost is measured against, never used to send mail.
 */

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mailto = (to: string, subject: string, body: string) => `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
const button = 'display:inline-block;padding:12px 18px;margin:4px 8px 4px 0;border-radius:6px;background:#0b5cad;color:#ffffff;text-decoration:none;font-weight:600';

const initials = (name: string) => name.split(/\s+/).filter(Boolean).map((w) => w[0]!.toUpperCase()).slice(0, 2).join('');

function itemHtml(item: DigestItem): string {
  const person = item.person;
  const avatar = person
    ? `<td valign="top" style="width:52px"><div style="width:40px;height:40px;border-radius:20px;background:#0b5cad;color:#fff;text-align:center;line-height:40px">${escapeHtml(initials(person.name))}</div></td>`
    : '';
  const heading = person?.profileUrl ? `<a href="${escapeHtml(person.profileUrl)}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title);
  const line = person ? `<p style="margin:0;font-size:14px;color:#57606a">${escapeHtml([person.position, person.company].filter(Boolean).join(' · '))}</p>` : '';
  return `<tr>${avatar}<td style="padding:12px 0;border-top:1px solid #d0d7de">
<p style="margin:0 0 4px;font-size:16px;font-weight:600">${item.number}. ${heading}</p>${line}
<p style="margin:0 0 8px">${escapeHtml(item.detail)}</p>
${item.actions.map((a) => `<a href="${escapeHtml(a.url)}" style="${button}">${escapeHtml(a.label)}</a>`).join('')}
</td></tr>`;
}

function section(title: string, items: DigestItem[]): string {
  if (!items.length) return '';
  return `<h2 style="font-size:18px;margin:24px 0 8px">${title}</h2><table role="presentation" width="100%">${items.map((i) => itemHtml(i)).join('')}</table>`;
}

function chart(props: WeeklyDigestProps): string {
  const max = Math.max(1, ...props.progress.weeks.map((w) => w.known + w.close));
  const bar = (n: number, colour: string) => `<div style="height:${Math.round((n / max) * 40)}px;background:${colour}"></div>`;
  return `<table role="presentation"><tr>${props.progress.weeks.map((w) => `<td valign="bottom" style="width:22px">${bar(w.known, '#84b3e6')}${bar(w.close, '#0b5cad')}</td>`).join('')}</tr></table>`;
}

export function renderDigestTemplateLiteral(props: WeeklyDigestProps): { html: string; text: string } {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark"></head>
<body style="margin:0;background:#f6f8fa;font-family:system-ui,sans-serif;color:#1b1f24">
<div style="display:none">${escapeHtml(props.weekLabel)}</div>
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px">
<tr><td><p>${escapeHtml(props.weekLabel)}</p><h1 style="font-size:19px">${escapeHtml(props.hook)}</h1>
${section('Do you know them?', props.review)}${section('Introductions to ask for', props.introductions)}${section('Gaps to close', props.gaps)}
${props.tip ? `<h2 style="font-size:18px">${escapeHtml(props.tip.title)}</h2><p>${escapeHtml(props.tip.body)}</p>` : ''}
${chart(props)}<p>${props.progress.unreviewed} to go, ${pct(props.progress.evidenceShare)} with evidence.</p>
<p style="font-size:13px;color:#57606a">Reply with <a href="${escapeHtml(mailto(props.replyAddress, props.replySubject, 'known 1, intro 5'))}">known 1, intro 5</a>.
<a href="${escapeHtml(props.uploadUrl)}">Upload a fresh export</a> · <a href="${escapeHtml(props.preferencesUrl)}">Preferences</a> · <a href="${escapeHtml(props.unsubscribeUrl)}">Unsubscribe</a></p>
</td></tr></table></body></html>`;
  const items = [...props.review, ...props.introductions, ...props.gaps];
  const text = [
    props.weekLabel,
    props.hook,
    ...items.map((i) => `${i.number}. ${i.title}\n${i.detail}\n${i.actions.map((a) => `${a.label}: ${a.url}`).join('\n')}`),
    props.tip ? `${props.tip.title}\n${props.tip.body}` : '',
    `${props.progress.unreviewed} to go, ${pct(props.progress.evidenceShare)} with evidence.`,
    `Reply with: known 1, intro 5`,
    `Upload: ${props.uploadUrl}\nPreferences: ${props.preferencesUrl}\nUnsubscribe: ${props.unsubscribeUrl}`,
  ].join('\n\n');
  return { html, text };
}
