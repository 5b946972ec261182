import type { CSSProperties } from 'react';

// Mid-tone colours on purpose: clients that force dark mode (Gmail apps, Outlook) invert or
// re-tint inline colours, and a mid blue with white text stays legible either way. Pure black on
// pure white would become harsh white-on-black, so text is a soft near-black.
export const colors = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2937',
  muted: '#4b5563',
  border: '#d1d5db',
  accent: '#2563eb',
  accentText: '#ffffff',
  secondaryBg: '#eef2ff',
  secondaryText: '#1e3a8a',
} as const;

export const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

// 16px body text: iOS Mail zooms smaller text, and it is the smallest size readable on a phone.
export const text: CSSProperties = {
  fontFamily,
  fontSize: '16px',
  lineHeight: '24px',
  color: colors.text,
  margin: '0 0 16px',
};

export const mutedText: CSSProperties = {
  ...text,
  fontSize: '14px',
  lineHeight: '20px',
  color: colors.muted,
};

export const link: CSSProperties = {
  color: colors.accent,
  textDecorationLine: 'underline',
};
