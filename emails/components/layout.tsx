import type { ReactNode } from 'react';
import { Body, Container, Head, Html, Preview, Section } from '@react-email/components';
import { fontFamily, palette } from './theme.ts';

export interface LayoutProps {
  /** The document's title, which a browser or a screen reader announces; the subject, as a rule. */
  title?: string;
  /** Inbox preview line; it sits inside <body>, where every client (and SendGrid) keeps it. */
  preview: string;
  children: ReactNode;
  /** Small print under the card: why the email came, how to reply, preference links. */
  footer?: ReactNode;
}

const { light, dark } = palette;

// Inline styles carry the light design everywhere. This block only refines dark mode for the
// clients that honour prefers-color-scheme (Apple Mail, Outlook.com, some Android); `!important`
// is required to beat the inline styles. Every coloured element carries a class, the page's outer
// background included: react-email's <Body> copies its style onto an inner cell no class reaches,
// so the page colour is set on a section of our own instead.
const darkModeCss = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  body, .rp-page { background-color: ${dark.page} !important; }
  .rp-card { background-color: ${dark.card} !important; border-color: ${dark.border} !important; }
  .rp-rule { border-color: ${dark.border} !important; }
  .rp-text { color: ${dark.text} !important; }
  .rp-muted { color: ${dark.muted} !important; }
  .rp-link { color: ${dark.accent} !important; }
  .rp-button-primary { background-color: ${dark.accent} !important; color: ${dark.accentText} !important; border-color: ${dark.accent} !important; }
  .rp-button-secondary { background-color: ${dark.secondaryBg} !important; color: ${dark.secondaryText} !important; border-color: ${dark.border} !important; }
  .rp-bar-close { background-color: ${dark.barClose} !important; }
  .rp-bar-known { background-color: ${dark.barKnown} !important; }
  .rp-mark { background-color: ${dark.accent} !important; color: ${dark.accentText} !important; }
}
`;

/** The small header every email opens with: a mark and the name, as on the site. */
function BrandMark() {
  return (
    <table role="presentation" cellPadding={0} cellSpacing={0} style={{ margin: '0 0 12px 4px' }}>
      <tbody>
        <tr>
          {/* The letter is drawn, not said: the plain-text part starts with the name alone. */}
          <td
            data-skip-in-text="true"
            aria-hidden="true"
            className="rp-mark"
            style={{ backgroundColor: light.accent, color: light.accentText, width: '24px', height: '24px', borderRadius: '6px', textAlign: 'center', fontFamily, fontSize: '15px', lineHeight: '24px', fontWeight: 700 }}
          >
            R
          </td>
          <td className="rp-text" style={{ paddingLeft: '8px', fontFamily, fontSize: '16px', lineHeight: '24px', fontWeight: 700, color: light.text }}>
            Rapport
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function Layout({ title = 'Rapport', preview, children, footer }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style dangerouslySetInnerHTML={{ __html: darkModeCss }} />
      </Head>
      <Body className="rp-page" style={{ backgroundColor: light.page, margin: 0, padding: 0, fontFamily }}>
        <Preview>{preview}</Preview>
        <Section className="rp-page" style={{ backgroundColor: light.page, padding: '16px 8px' }}>
          <Container style={{ maxWidth: '600px', width: '100%' }}>
            <BrandMark />
            <Section
              className="rp-card"
              style={{ backgroundColor: light.card, border: `1px solid ${light.border}`, borderRadius: '8px', padding: '20px 18px' }}
            >
              {children}
            </Section>
            {footer ? (
              <Section data-part="footer" style={{ padding: '16px 18px' }}>
                {footer}
              </Section>
            ) : null}
          </Container>
        </Section>
      </Body>
    </Html>
  );
}
