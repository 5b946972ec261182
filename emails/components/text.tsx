import type { CSSProperties, ReactNode } from 'react';
import { Heading, Link } from '@react-email/components';
import { displayName } from '../display-name.ts';
import { colors, fontFamily, link, mutedText, text } from './theme.ts';

// Plain <p> rather than React Email's <Text>, which writes every margin twice (shorthand, then
// each side) into elements that appear dozens of times per email; the shorthand alone works in
// every client, Outlook's Word engine included.
export function Paragraph({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <p className="rp-text" style={{ ...text, ...style }}>
      {children}
    </p>
  );
}

export function SmallPrint({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <p className="rp-muted" style={{ ...mutedText, ...style }}>
      {children}
    </p>
  );
}

export function Title({ children }: { children: string }) {
  return (
    <Heading
      as="h1"
      className="rp-text"
      style={{ fontFamily, fontSize: '24px', lineHeight: '32px', fontWeight: 700, color: colors.text, margin: '0 0 16px' }}
    >
      {children}
    </Heading>
  );
}

/** The name a greeting shows (see display-name.ts), or null when there is none to show. */
export function greetingName(name: string | null): string | null {
  const shown = name === null ? '' : displayName(name);
  return shown === '' ? null : shown;
}

/** "Hi Alex," with the name isolated, so whatever direction it runs in stays inside; or "Hi,". */
export function Greeting({ name }: { name: string | null }) {
  const shown = greetingName(name);
  return (
    <Paragraph>
      {shown === null ? (
        'Hi,'
      ) : (
        <>
          {'Hi '}
          <bdi>{shown}</bdi>
          {','}
        </>
      )}
    </Paragraph>
  );
}

// Padding turns a short text link into a finger-sized target without making it look like a button.
export function TextLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} className="rp-link" style={{ ...link, display: 'inline-block', padding: '10px 0' }}>
      {children}
    </Link>
  );
}

/** Reply commands and pasted text in a monospace face, so they read as "type exactly this". */
export function Command({ children }: { children: string }) {
  return (
    <span style={{ fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: '15px' }}>
      {children}
    </span>
  );
}
