import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Command, Greeting, Paragraph, SmallPrint, TextLink, Title } from './components/text.tsx';

export interface ReplyReceiptProps {
  name: string | null;
  /** What changed, in words, e.g. "3. Jane Doe: known well → known". */
  applied: string[];
  /** Answers that were already so: listed, so nothing seems lost, but not counted as changes. */
  unchanged: string[];
  /** The parts of the reply that matched no command, as the subscriber wrote them. */
  notUnderstood: string[];
  helpText: string | null;
  /** The review page of the digest the reply answered, to see or change every answer; null for none. */
  reviewUrl: string | null;
  /** Takes back exactly this reply's answers (replying "undo" does too); null when it changed none. */
  undoUrl: string | null;
}

export function ReplyReceipt({ name, applied, unchanged, notUnderstood, helpText, reviewUrl, undoUrl }: ReplyReceiptProps) {
  const preview =
    applied.length > 0
      ? `Done: ${applied.join('; ')}`
      : unchanged.length > 0
        ? 'Nothing needed changing: your answers were already so.'
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
      {unchanged.length > 0 ? (
        <>
          <Paragraph style={{ margin: '16px 0 8px' }}>Already so, unchanged:</Paragraph>
          {unchanged.map((line, index) => (
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
      {applied.length === 0 && unchanged.length === 0 && notUnderstood.length === 0 ? (
        <Paragraph>Your reply reached us. It did not ask for any changes, so nothing was changed.</Paragraph>
      ) : null}
      {helpText ? <Paragraph style={{ marginTop: '16px', whiteSpace: 'pre-line' }}>{helpText}</Paragraph> : null}
      {reviewUrl ? (
        <Section style={{ margin: '16px 0 0' }}>
          <Button href={reviewUrl}>See all your answers</Button>
        </Section>
      ) : null}
      {undoUrl ? (
        <Paragraph style={{ margin: '16px 0 0' }}>
          Not what you meant? <TextLink href={undoUrl}>Undo this reply</TextLink>, or reply <Command>undo</Command> to this email.
        </Paragraph>
      ) : null}
    </Layout>
  );
}

ReplyReceipt.PreviewProps = {
  name: 'Alex',
  applied: ['1. Jane Doe: known', '2. Sam Lee: known → known well', '3. Ask Priya Patel about Globex: draft ready, on the review page'],
  unchanged: ['4. Tara Lind: known, as before'],
  notUnderstood: ['maybe 7'],
  helpText: 'Reply with an item number after a command: known 1 3, close 2, unknown 4, intro 5, skip 6. Also upload or stop.',
  reviewUrl: 'https://rapport.example/a/preview',
  undoUrl: 'https://rapport.example/undo/preview',
} satisfies ReplyReceiptProps;

export default ReplyReceipt;
