import type { ReactNode } from 'react';
import { Body, Container, Head, Html, Preview, Section } from '@react-email/components';
import { colors, fontFamily } from './theme.ts';

export interface LayoutProps {
  /** Inbox preview line; it sits inside <body>, where every client (and SendGrid) keeps it. */
  preview: string;
  children: ReactNode;
  /** Small print under the card: why the email came, how to reply, preference links. */
  footer?: ReactNode;
}

// Inline styles carry the light design everywhere. This block only refines dark mode for the
// clients that honour prefers-color-scheme (Apple Mail, Outlook.com, some Android); `!important`
// is required to beat the inline styles. Clients that ignore it invert the mid-tone palette instead.
const darkModeCss = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .rp-page { background-color: #0f1115 !important; }
  .rp-card { background-color: #1a1d23 !important; border-color: #374151 !important; }
  .rp-text { color: #e5e7eb !important; }
  .rp-muted { color: #9ca3af !important; }
  .rp-link { color: #93b4ff !important; }
  .rp-button-secondary { background-color: #1e293b !important; color: #c7d2fe !important; border-color: #475569 !important; }
}
`;

export function Layout({ preview, children, footer }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style dangerouslySetInnerHTML={{ __html: darkModeCss }} />
      </Head>
      <Body className="rp-page" style={{ backgroundColor: colors.page, margin: 0, padding: '16px 8px', fontFamily }}>
        <Preview>{preview}</Preview>
        <Container style={{ maxWidth: '600px', width: '100%' }}>
          <Section
            className="rp-card"
            style={{
              backgroundColor: colors.card,
              border: `1px solid ${colors.border}`,
              borderRadius: '8px',
              padding: '24px 20px',
            }}
          >
            {children}
          </Section>
          {footer ? <Section data-part="footer" style={{ padding: '16px 20px' }}>{footer}</Section> : null}
        </Container>
      </Body>
    </Html>
  );
}
