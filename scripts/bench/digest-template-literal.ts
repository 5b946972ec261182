import type { DigestItem, WeeklyDigestProps } from '../../emails/weekly-digest.tsx';

/**
 * The benchmark's baseline (B-tpl): the same digest as plain template literals, with the same
 * sections, buttons, one-click mailto replies, inline styles and a hand-made text part. It is
 * what React Email's cost is measured against, never used to send mail.
 */

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mailto = (to: string, subject: string, body: string) => `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
const button = 'display:inline-block;padding:12px 18px;margin:4px 8px 4px 0;border-radius:6px;background:#0b5cad;color:#ffffff;text-decoration:none;font-weight:600';

function itemHtml(item: DigestItem, props: WeeklyDigestProps): string {
  return `<tr><td style="padding:12px 0;border-top:1px solid #d0d7de">
<p style="margin:0 0 4px;font-size:16px;font-weight:600">${item.number}. ${escapeHtml(item.title)}</p>
<p style="margin:0 0 8px;color:#57606a">${escapeHtml(item.detail)}</p>
${item.actions.map((a) => `<a href="${escapeHtml(a.url)}" style="${button}">${escapeHtml(a.label)}</a>`).join('')}
<p style="margin:8px 0 0;font-size:14px"><a href="${escapeHtml(mailto(props.replyAddress, props.replySubject, item.replyCommand))}">or reply: ${escapeHtml(item.replyCommand)}</a></p>
</td></tr>`;
}

function section(title: string, items: DigestItem[], props: WeeklyDigestProps): string {
  if (!items.length) return '';
  return `<h2 style="font-size:20px;margin:24px 0 8px">${title}</h2><table role="presentation" width="100%">${items.map((i) => itemHtml(i, props)).join('')}</table>`;
}

export function renderDigestTemplateLiteral(props: WeeklyDigestProps): { html: string; text: string } {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light dark"></head>
<body style="margin:0;background:#f6f8fa;font-family:system-ui,sans-serif;color:#1b1f24">
<div style="display:none">${escapeHtml(props.weekLabel)}</div>
<table role="presentation" width="100%" style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px">
<tr><td><h1 style="font-size:24px">${escapeHtml(props.weekLabel)}</h1><p>Hi ${escapeHtml(props.name ?? 'there')},</p>
${section('Do you know them?', props.review, props)}${section('Introductions to ask for', props.introductions, props)}${section('Gaps in your strategy', props.gaps, props)}
${props.tip ? `<h2 style="font-size:20px">${escapeHtml(props.tip.title)}</h2><p>${escapeHtml(props.tip.body)}</p>` : ''}
<p>${props.quality.connections} connections: ${pct(props.quality.knownShare)} known, ${pct(props.quality.evidenceShare)} with evidence.</p>
<p style="font-size:13px;color:#57606a">Reply with <code>known 1 3, close 2, unknown 4, intro 5</code>.
<a href="${escapeHtml(props.uploadUrl)}">Upload a fresh export</a> · <a href="${escapeHtml(props.preferencesUrl)}">Preferences</a> · <a href="${escapeHtml(props.unsubscribeUrl)}">Unsubscribe</a></p>
</td></tr></table></body></html>`;
  const items = [...props.review, ...props.introductions, ...props.gaps];
  const text = [
    props.weekLabel,
    `Hi ${props.name ?? 'there'},`,
    ...items.map((i) => `${i.number}. ${i.title}\n${i.detail}\n${i.actions.map((a) => `${a.label}: ${a.url}`).join('\n')}\nor reply: ${i.replyCommand}`),
    props.tip ? `${props.tip.title}\n${props.tip.body}` : '',
    `${props.quality.connections} connections: ${pct(props.quality.knownShare)} known, ${pct(props.quality.evidenceShare)} with evidence.`,
    `Reply with: known 1 3, close 2, unknown 4, intro 5`,
    `Upload: ${props.uploadUrl}\nPreferences: ${props.preferencesUrl}\nUnsubscribe: ${props.unsubscribeUrl}`,
  ].join('\n\n');
  return { html, text };
}
