import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Greeting, Paragraph, SmallPrint, Title } from './components/text.tsx';
import { colors } from './components/theme.ts';

export interface ImportFailedProps {
  name: string | null;
  /** Already in plain words, e.g. "The file is not a LinkedIn export: it has no Connections.csv." */
  reason: string;
  uploadUrl: string;
}

export function ImportFailed({ name, reason, uploadUrl }: ImportFailedProps) {
  return (
    <Layout
      preview="Your network is unchanged. Here is what went wrong and how to try again."
      footer={<SmallPrint>You get this email because a LinkedIn export was uploaded to your Rapport account.</SmallPrint>}
    >
      <Title>We couldn’t import your export</Title>
      <Greeting name={name} />
      <Paragraph>Your network in Rapport is unchanged. This is what went wrong:</Paragraph>
      <Section style={{ borderLeft: `4px solid ${colors.accent}`, padding: '0 0 0 12px', margin: '0 0 16px' }}>
        <Paragraph style={{ margin: 0 }}>{reason}</Paragraph>
      </Section>
      <Paragraph>
        Downloading a fresh copy from LinkedIn (Settings & Privacy, Data privacy, “Get a copy of your data”) and
        uploading the zip unchanged usually fixes it.
      </Paragraph>
      <Section style={{ margin: '8px 0 0' }}>
        <Button href={uploadUrl}>Upload again</Button>
      </Section>
    </Layout>
  );
}

ImportFailed.PreviewProps = {
  name: 'Alex',
  reason: 'The file is not a LinkedIn export: it has no Connections.csv.',
  uploadUrl: 'https://rapport.example/upload/preview',
} satisfies ImportFailedProps;

export default ImportFailed;
