import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Greeting, Paragraph, SmallPrint, TextLink, Title } from './components/text.tsx';

/**
 * Nothing typed into the form reaches this email: it goes to an address that has not opted in,
 * so whoever signs it up could otherwise write to a stranger in our name ("Hi Win a prize at
 * http://evil.example"). Hence no name prop at all, and a greeting without one.
 */
export interface ConfirmSubscriptionProps {
  confirmUrl: string;
}

export function ConfirmSubscription({ confirmUrl }: ConfirmSubscriptionProps) {
  return (
    <Layout
      preview="One click to confirm, then four short questions about what you want from LinkedIn."
      footer={
        <SmallPrint>
          If you did not sign up, ignore this email. Without the click, this address gets nothing more from us.
        </SmallPrint>
      }
    >
      <Title>Confirm your subscription</Title>
      <Greeting name={null} />
      <Paragraph>
        Someone, hopefully you, asked Rapport to send a weekly digest about their LinkedIn network to this address.
        Confirm it, and we will ask four short questions about what you want from your network.
      </Paragraph>
      <Section style={{ margin: '8px 0 16px' }}>
        <Button href={confirmUrl}>Confirm my subscription</Button>
      </Section>
      <SmallPrint>
        {'If the button does not work, open this link: '}
        <TextLink href={confirmUrl}>{confirmUrl}</TextLink>
      </SmallPrint>
    </Layout>
  );
}

ConfirmSubscription.PreviewProps = {
  confirmUrl: 'https://rapport.example/confirm/preview',
} satisfies ConfirmSubscriptionProps;

export default ConfirmSubscription;
