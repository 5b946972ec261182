import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Paragraph, SmallPrint, TextLink, Title } from './components/text.tsx';
import { countOf } from './format.ts';

export interface AddressChangedProps {
  /** The new address with most of its local part hidden: this mailbox may no longer be the subscriber's alone. */
  newAddressHint: string;
  revertUrl: string;
  expiresInDays: number;
}

/** Sent to the old address when a change of address is confirmed, with a way to undo it. */
export function AddressChanged({ newAddressHint, revertUrl, expiresInDays }: AddressChangedProps) {
  const validity = countOf(expiresInDays, 'day', 'days');
  return (
    <Layout
      preview="Your Rapport digests now go to another address. If that was not you, one click puts it back."
      footer={<SmallPrint>You get this email because this address was the one your Rapport digests went to.</SmallPrint>}
    >
      <Title>Your address was changed</Title>
      <Paragraph>{`Your Rapport digests now go to ${newAddressHint}. Every earlier link and signed-in browser stopped working.`}</Paragraph>
      <Paragraph>If you made this change, there is nothing to do. If you did not, put your address back:</Paragraph>
      <Section style={{ margin: '8px 0 16px' }}>
        <Button href={revertUrl}>This was not me: put my address back</Button>
      </Section>
      <SmallPrint>
        {`The link works for ${validity}. Putting the address back also signs out every browser. If the button does not work, open this link: `}
        <TextLink href={revertUrl}>{revertUrl}</TextLink>
      </SmallPrint>
    </Layout>
  );
}

AddressChanged.PreviewProps = {
  newAddressHint: 'a•••@example.net',
  revertUrl: 'https://rapport.example/revert/preview',
  expiresInDays: 14,
} satisfies AddressChangedProps;

export default AddressChanged;
