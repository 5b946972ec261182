import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { ExportSteps } from './components/export-steps.tsx';
import { Layout } from './components/layout.tsx';
import { Greeting, Paragraph, SmallPrint, Title } from './components/text.tsx';

export interface UploadReminderProps {
  name: string | null;
  uploadUrl: string;
}

export function UploadReminder({ name, uploadUrl }: UploadReminderProps) {
  return (
    <Layout
      preview="A fresh export lets your digest see new connections, job changes and recent messages."
      footer={<SmallPrint>You get this reminder because you subscribed to Rapport.</SmallPrint>}
    >
      <Title>Time for a fresh export</Title>
      <Greeting name={name} />
      <Paragraph>
        Your digest only knows what your last LinkedIn export said. A fresh one shows new connections, people who
        changed jobs and recent messages, so the suggestions stay right. It takes a few minutes:
      </Paragraph>
      <ExportSteps />
      <Section style={{ margin: '16px 0 0' }}>
        <Button href={uploadUrl}>Upload a fresh export</Button>
      </Section>
    </Layout>
  );
}

UploadReminder.PreviewProps = {
  name: 'Alex',
  uploadUrl: 'https://rapport.example/upload/preview',
} satisfies UploadReminderProps;

export default UploadReminder;
