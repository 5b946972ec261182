import type { CSSProperties } from 'react';

/**
 * Rapport's colours, for every email and web page (processes/web/pages/page.tsx reads them too),
 * so a button is the same blue wherever it is pressed. Every text colour passes WCAG AA (4.5:1) on
 * the backgrounds it is used on, in both schemes.
 */
export const palette = {
  light: {
    page: '#f6f8fa',
    card: '#ffffff',
    text: '#1b1f24',
    muted: '#57606a',
    border: '#d0d7de',
    accent: '#0b5cad',
    accentText: '#ffffff',
    secondaryBg: '#eef4fb',
    secondaryText: '#0b4a8c',
    /** The progress chart: people known well, and known. */
    barClose: '#0b5cad',
    barKnown: '#84b3e6',
  },
  dark: {
    page: '#0d1117',
    card: '#161b22',
    text: '#e6edf3',
    muted: '#9da7b3',
    border: '#30363d',
    accent: '#58a6ff',
    accentText: '#0d1117',
    secondaryBg: '#1f2a37',
    secondaryText: '#cfe3ff',
    barClose: '#58a6ff',
    barKnown: '#2f5f94',
  },
} as const;

// Inline styles carry the light scheme everywhere; the dark one is applied by class in the clients
// that honour prefers-color-scheme (layout.tsx). Clients that force dark mode themselves (Gmail
// apps, Outlook) re-tint these mid-tone colours, which stay legible when they do.
export const colors = palette.light;

// Unquoted (valid CSS: "Segoe UI" is two identifiers) and unspaced: it is written into the style of
// nearly every element, where React would spell each quote as &#x27;.
export const fontFamily = '-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

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
