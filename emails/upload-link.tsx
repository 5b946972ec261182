import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { ExportSteps } from './components/export-steps.tsx';
import { Layout } from './components/layout.tsx';
import { Command, Greeting, Paragraph, SmallPrint, Title } from './components/text.tsx';
import { countOf } from './format.ts';

/** Why the link was sent: on confirming a new subscription, or because one was asked for. */
export type UploadLinkReason = 'welcome' | 'asked';

export interface UploadLinkProps {
  name: string | null;
  uploadUrl: string;
  expiresInDays: number;
  reason: UploadLinkReason;
}

const why: Record<UploadLinkReason, { intro: string; footer: string }> = {
  welcome: {
    intro: 'Welcome to Rapport. Here is your upload link, for when LinkedIn’s export reaches your inbox. If you have not asked LinkedIn for it yet, it takes a few minutes:',
    footer: 'You get this email because you confirmed your Rapport subscription.',
  },
  asked: {
    intro: 'Here is your upload link. If you do not have an export yet, getting one takes a few minutes:',
    footer: 'You get this email because you asked Rapport for an upload link.',
  },
};

export function UploadLink({ name, uploadUrl, expiresInDays, reason }: UploadLinkProps) {
  const validity = countOf(expiresInDays, 'day', 'days');
  return (
    <Layout preview={`Your link to upload a LinkedIn export. It works for ${validity}.`} footer={<SmallPrint>{why[reason].footer}</SmallPrint>}>
      <Title>Upload your LinkedIn export</Title>
      <Greeting name={name} />
      <Paragraph>{why[reason].intro}</Paragraph>
      <ExportSteps />
      <Section style={{ margin: '16px 0' }}>
        <Button href={uploadUrl}>Upload my export</Button>
      </Section>
      <SmallPrint>
        {`The link works for ${validity}. Need a new one later? Reply `}
        <Command>upload</Command>
        {' to any digest.'}
      </SmallPrint>
    </Layout>
  );
}

UploadLink.PreviewProps = {
  name: 'Alex',
  uploadUrl: 'https://rapport.example/upload/preview',
  expiresInDays: 7,
  reason: 'welcome',
} satisfies UploadLinkProps;

export default UploadLink;
