import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Command, Greeting, Paragraph, SmallPrint, Title } from './components/text.tsx';

export interface ReplyReceiptProps {
  name: string | null;
  /** What was done, in words, e.g. "Marked Jane Doe as known". */
  applied: string[];
  /** The parts of the reply that matched no command, as the subscriber wrote them. */
  notUnderstood: string[];
  helpText: string | null;
  /** The review page of the digest the reply answered, to see or change every answer; null for none. */
  reviewUrl: string | null;
}

export function ReplyReceipt({ name, applied, notUnderstood, helpText, reviewUrl }: ReplyReceiptProps) {
  const preview =
    applied.length > 0
      ? `Done: ${applied.join('; ')}`
      : notUnderstood.length > 0
        ? 'We could not match your reply to any command. Here is how to write one.'
        : 'Your reply reached us; it asked for no changes.';
  return (
    <Layout
      preview={preview}
      footer={<SmallPrint>You get this email because you replied to a Rapport digest.</SmallPrint>}
    >
      <Title>Got your reply</Title>
      <Greeting name={name} />
      {applied.length > 0 ? (
        <>
          <Paragraph style={{ margin: '0 0 8px' }}>Done:</Paragraph>
          {applied.map((line, index) => (
            <Paragraph key={index} style={{ margin: '0 0 8px', paddingLeft: '12px' }}>{`• ${line}`}</Paragraph>
          ))}
        </>
      ) : null}
      {notUnderstood.length > 0 ? (
        <>
          <Paragraph style={{ margin: '16px 0 8px' }}>We did not understand:</Paragraph>
          {notUnderstood.map((line, index) => (
            <Paragraph key={index} style={{ margin: '0 0 8px', paddingLeft: '12px' }}>
              <Command>{line}</Command>
            </Paragraph>
          ))}
        </>
      ) : null}
      {applied.length === 0 && notUnderstood.length === 0 ? (
        <Paragraph>Your reply reached us. It did not ask for any changes, so nothing was changed.</Paragraph>
      ) : null}
      {helpText ? <Paragraph style={{ marginTop: '16px', whiteSpace: 'pre-line' }}>{helpText}</Paragraph> : null}
      {reviewUrl ? (
        <Section style={{ margin: '16px 0 0' }}>
          <Button href={reviewUrl}>See all your answers</Button>
        </Section>
      ) : null}
    </Layout>
  );
}

ReplyReceipt.PreviewProps = {
  name: 'Alex',
  applied: ['Marked Jane Doe as known', 'Marked Sam Lee as someone you know well', 'Draft ready for item 3, on the review page: Ask Priya Patel about Globex'],
  notUnderstood: ['maybe 7'],
  helpText: 'Reply with an item number after a command: known 1 3, close 2, unknown 4, intro 5, skip 6. Also upload or stop.',
  reviewUrl: 'https://rapport.example/a/preview',
} satisfies ReplyReceiptProps;

export default ReplyReceipt;
