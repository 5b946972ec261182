import { Fragment } from 'react';
import { Section } from '@react-email/components';
import type { DigestItem } from '../weekly-digest.tsx';
import { Button } from './button.tsx';
import { colors } from './theme.ts';
import { Paragraph, SmallPrint, TextLink } from './text.tsx';

export interface ItemProps {
  item: DigestItem;
  /** mailto: link that opens a reply with `item.replyCommand` already written. */
  replyHref: string;
}

export function Item({ item, replyHref }: ItemProps) {
  return (
    <Section data-item={item.number} style={{ borderTop: `1px solid ${colors.border}`, padding: '16px 0 8px' }}>
      <Paragraph style={{ fontWeight: 600, margin: '0 0 4px' }}>
        <span style={{ color: colors.accent }}>{`${item.number}.`}</span>
        {` ${item.title}`}
      </Paragraph>
      <Paragraph style={{ margin: '0 0 12px' }}>{item.detail}</Paragraph>
      {item.actions.length > 0 ? (
        <Section>
          {/* The space keeps "Known <url> Know well <url>" apart in the plain-text part. */}
          {item.actions.map((action) => (
            <Fragment key={action.url}>
              <Button href={action.url} variant="secondary">
                {action.label}
              </Button>{' '}
            </Fragment>
          ))}
        </Section>
      ) : null}
      <SmallPrint style={{ margin: '0' }}>
        {'or reply: '}
        <TextLink href={replyHref}>{item.replyCommand}</TextLink>
      </SmallPrint>
    </Section>
  );
}
