import { Section } from '@react-email/components';
import type { DigestAction } from '../weekly-digest.tsx';
import { Button } from './button.tsx';
import { colors } from './theme.ts';
import { Paragraph, SmallPrint, TextLink } from './text.tsx';

/** A digest item as shown: display strings only, so the compiled renderer can render it with markers. */
export interface ItemView {
  /** The item's number, e.g. "3". */
  number: string;
  title: string;
  detail: string;
  actions: DigestAction[];
  replyCommand: string;
  /** mailto: link that opens a reply with `replyCommand` already written. */
  replyHref: string;
}

export function Item({ number, title, detail, actions, replyCommand, replyHref }: ItemView) {
  return (
    <Section data-item={number} style={{ borderTop: `1px solid ${colors.border}`, padding: '16px 0 8px' }}>
      <Paragraph style={{ fontWeight: 600, margin: '0 0 4px' }}>
        <span style={{ color: colors.accent }}>{`${number}.`}</span>
        {' '}
        {/* Titles carry people's names: isolated, a right-to-left name cannot reorder the number. */}
        <bdi>{title}</bdi>
      </Paragraph>
      <Paragraph style={{ margin: '0 0 12px' }}>{detail}</Paragraph>
      {actions.length > 0 ? (
        <Section>
          {actions.map((action) => (
            <ItemAction key={action.url} {...action} />
          ))}
        </Section>
      ) : null}
      <SmallPrint style={{ margin: '0' }}>
        {'or reply: '}
        <TextLink href={replyHref}>{replyCommand}</TextLink>
      </SmallPrint>
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
