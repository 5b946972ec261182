import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Paragraph, SmallPrint, TextLink, Title } from './components/text.tsx';
import { countOf } from './format.ts';

export interface SignInLinkProps {
  signInUrl: string;
  expiresInMinutes: number;
}

/**
 * Anyone can ask for this email to be sent to any subscriber's address, so it carries nothing
 * typed by anyone (not even the subscriber's name): only the link, and what to do if it was not them.
 */
export function SignInLink({ signInUrl, expiresInMinutes }: SignInLinkProps) {
  const validity = countOf(expiresInMinutes, 'minute', 'minutes');
  return (
    <Layout
      preview={`Your link to sign in to Rapport. It works once, for ${validity}.`}
      footer={<SmallPrint>If you did not ask to sign in, ignore this email: nobody can sign in without this link.</SmallPrint>}
    >
      <Title>Sign in to Rapport</Title>
      <Paragraph>
        Someone, hopefully you, asked to sign in to Rapport with this address. Signing in opens your settings, your address and
        everything Rapport holds about you.
      </Paragraph>
      <Section style={{ margin: '8px 0 16px' }}>
        <Button href={signInUrl}>Sign in</Button>
      </Section>
      <SmallPrint>
        {`The link works once, for ${validity}. If the button does not work, open this link: `}
        <TextLink href={signInUrl}>{signInUrl}</TextLink>
      </SmallPrint>
    </Layout>
  );
}

SignInLink.PreviewProps = {
  signInUrl: 'https://rapport.example/sign-in/preview',
  expiresInMinutes: 15,
} satisfies SignInLinkProps;

export default SignInLink;
