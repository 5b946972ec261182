import { Section } from '@react-email/components';
import { Button } from './components/button.tsx';
import { Layout } from './components/layout.tsx';
import { Greeting, Paragraph, SmallPrint, Title } from './components/text.tsx';
import { countOf } from './format.ts';

export interface ImportFinishedProps {
  name: string | null;
  connections: number;
  newConnections: number;
  removedConnections: number;
  jobChanges: number;
  /** Rows with only a date: usually deactivated or hidden members. */
  anonymous: number;
  rejectedRows: number;
  /** Connections kept without a date, because the date in the file could not be read. */
  unreadableDates: number;
  /** e.g. "on Monday 30 November at 08:00"; null when no digest is scheduled. */
  nextDigestLabel: string | null;
  /** The questionnaire, when no targets are set yet: introductions start from them. */
  targetsUrl: string | null;
}

export function ImportFinished(props: ImportFinishedProps) {
  const { name, connections, nextDigestLabel, targetsUrl } = props;
  // Only what happened is listed: a line of zeros reads like an error.
  const facts = [
    props.newConnections > 0 ? `${countOf(props.newConnections, 'new connection', 'new connections')} since your last upload` : null,
    props.jobChanges > 0 ? `${countOf(props.jobChanges, 'person', 'people')} changed jobs` : null,
    props.removedConnections > 0
      ? `${countOf(props.removedConnections, 'connection', 'connections')} no longer in your network`
      : null,
    props.anonymous > 0
      ? `${countOf(props.anonymous, 'row', 'rows')} with no name, only a date: usually deactivated or hidden accounts, counted but not shown`
      : null,
    props.rejectedRows > 0 ? `${countOf(props.rejectedRows, 'row', 'rows')} we could not read and skipped` : null,
    props.unreadableDates > 0
      ? `${countOf(props.unreadableDates, 'date', 'dates')} we could not read, so those rows are kept without one: uploading the .zip exactly as LinkedIn sent it avoids this`
      : null,
  ].filter((fact): fact is string => fact !== null);
  const count = countOf(connections, 'connection', 'connections');

  return (
    <Layout
      preview={`${count} imported.${nextDigestLabel ? ` Your next digest arrives ${nextDigestLabel}.` : ''}`}
      footer={<SmallPrint>You get this email because a LinkedIn export was uploaded to your Rapport account.</SmallPrint>}
    >
      <Title>Your export is in</Title>
      <Greeting name={name} />
      <Paragraph>{`We read ${count} from your LinkedIn export.`}</Paragraph>
      {facts.map((fact) => (
        <Paragraph key={fact} style={{ margin: '0 0 8px', paddingLeft: '12px' }}>{`• ${fact}`}</Paragraph>
      ))}
      {nextDigestLabel ? (
        <Paragraph style={{ marginTop: '16px' }}>
          {`Your next digest arrives ${nextDigestLabel}, with a few people to review and introductions worth asking for.`}
        </Paragraph>
      ) : null}
      {targetsUrl ? (
        <>
          <Paragraph>Introductions start from your targets: the companies, roles or industries you are aiming at.</Paragraph>
          <Section style={{ margin: '0 0 8px' }}>
            <Button href={targetsUrl}>Add your targets</Button>
          </Section>
        </>
      ) : null}
    </Layout>
  );
}

ImportFinished.PreviewProps = {
  name: 'Alex',
  connections: 1234,
  newConnections: 12,
  removedConnections: 2,
  jobChanges: 5,
  anonymous: 7,
  rejectedRows: 1,
  unreadableDates: 12,
  nextDigestLabel: 'on Monday 30 November at 08:00',
  targetsUrl: 'https://rapport.example/preferences/preview',
} satisfies ImportFinishedProps;

export default ImportFinished;
