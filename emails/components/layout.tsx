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
/** Dark colours by class: [property, colour] per class, from the palette. */
const darkRules: Array<[string, Array<[string, string]>]> = [
  ['.rp-page', [['background-color', dark.page]]],
  ['.rp-card', [['background-color', dark.card], ['border-color', dark.border]]],
  ['.rp-rule', [['border-color', dark.border]]],
  ['.rp-text', [['color', dark.text]]],
  ['.rp-muted', [['color', dark.muted]]],
  ['.rp-link', [['color', dark.accent]]],
  ['.rp-button-primary', [['background-color', dark.accent], ['color', dark.accentText], ['border-color', dark.accent]]],
  ['.rp-button-secondary', [['background-color', dark.secondaryBg], ['color', dark.secondaryText], ['border-color', dark.border]]],
  ['.rp-bar-close', [['background-color', dark.barClose]]],
  ['.rp-bar-known', [['background-color', dark.barKnown]]],
  ['.rp-mark', [['background-color', dark.accent], ['color', dark.accentText]]],
];

const declarations = (properties: Array<[string, string]>) => properties.map(([p, v]) => `${p}: ${v} !important;`).join(' ');

// Inline styles carry the light design everywhere. The dark one is applied by class, `!important`
// to beat the inline styles: under prefers-color-scheme (Apple Mail, iOS, Outlook for Mac, some
// Android), and under the attributes Outlook.com and Outlook apps set on the elements they re-tint
// in dark mode ([data-ogsc] for text colours, [data-ogsb] for backgrounds), so that their own
// re-tinting does not leave light text on a light page. Gmail's apps honour neither and invert
// the mid-tone palette themselves. The page's outer background has a class too: react-email's
// <Body> copies its style onto an inner cell no class reaches, so the page colour is set on a
// section of our own instead.
const darkModeCss = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  body { background-color: ${dark.page} !important; }
${darkRules.map(([selector, properties]) => `  ${selector} { ${declarations(properties)} }`).join('\n')}
}
${darkRules
  .flatMap(([selector, properties]) => {
    const colours = properties.filter(([p]) => p === 'color');
    const backgrounds = properties.filter(([p]) => p !== 'color');
    return [
      colours.length ? `[data-ogsc] ${selector} { ${declarations(colours)} }` : null,
      backgrounds.length ? `[data-ogsb] ${selector} { ${declarations(backgrounds)} }` : null,
    ];
  })
  .filter(Boolean)
  .join('\n')}
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
