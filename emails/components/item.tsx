import { Link, Section } from '@react-email/components';
import type { DigestAction } from '../weekly-digest.tsx';
import { Avatar, type AvatarView } from './person.tsx';
import { Button } from './button.tsx';
import { colors } from './theme.ts';
import { Paragraph, SmallPrint } from './text.tsx';

/** A digest item as shown: display strings only, so the compiled renderer can render it with markers. */
export interface ItemView {
  /** The item's number, e.g. "3": what a reply refers to. */
  number: string;
  /** The person's name, or what the item asks ("Ask Priya Patel about Globex"). */
  heading: string;
  /** Where the heading links: the person's LinkedIn profile; null for none. */
  headingUrl: string | null;
  /** "Head of Sales · Hooli"; null when there is nothing to say. */
  line: string | null;
  avatar: AvatarView | null;
  detail: string;
  actions: DigestAction[];
}

export function Item({ number, heading, headingUrl, line, avatar, detail, actions }: ItemView) {
  // Headings carry people's names: isolated, a right-to-left name cannot reorder the number.
  const shown = <bdi>{heading}</bdi>;
  return (
    <Section data-item={number} className="rp-rule" style={{ borderTop: `1px solid ${colors.border}`, padding: '12px 0 4px' }}>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
        <tbody>
          <tr>
            {avatar ? (
              <td valign="top" style={{ width: '52px', paddingTop: '2px' }}>
                <Avatar {...avatar} />
              </td>
            ) : null}
            <td valign="top">
              <Paragraph style={{ fontWeight: 600, margin: '0' }}>
                <span className="rp-muted" style={{ color: colors.muted, fontWeight: 400 }}>{`${number}. `}</span>
                {headingUrl ? (
                  <Link href={headingUrl} className="rp-text" style={{ color: colors.text, textDecorationLine: 'underline' }}>
                    {shown}
                  </Link>
                ) : (
                  shown
                )}
              </Paragraph>
              {line ? (
                <SmallPrint style={{ margin: '0' }}>
                  <bdi>{line}</bdi>
                </SmallPrint>
              ) : null}
              <Paragraph style={{ margin: '4px 0 8px' }}>{detail}</Paragraph>
            </td>
          </tr>
          {actions.length > 0 ? (
            // The buttons take the full width, under the avatar too: three fit in one row on a phone.
            <tr>
              <td colSpan={avatar ? 2 : 1}>
                {actions.map((action) => (
                  <ItemAction key={action.url} {...action} />
                ))}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </Section>
  );
}

export function ItemAction({ label, url }: DigestAction) {
  // The space keeps "Known <url> Know well <url>" apart in the plain-text part.
  return (
    <>
      <Button href={url} variant="secondary">
        {label}
      </Button>{' '}
    </>
  );
}
