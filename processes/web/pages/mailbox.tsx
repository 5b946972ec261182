import type { MailboxEntry, MailboxMessage } from '../../../services/mail/dev-mailbox.ts';
import { Page } from './page.tsx';

export function MailboxListPage({ entries }: { entries: MailboxEntry[] }) {
  return (
    <Page title="Dev mailbox">
      <h1>Dev mailbox</h1>
      <p className="muted">No SMTP server is configured, so every email Rapport sends is kept here.</p>
      {entries.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.file}>
                <td>{e.receivedAt.toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  <a href={`/dev/mailbox/${encodeURIComponent(e.file)}`}>{e.file}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

export function MailboxMessagePage({ message }: { message: MailboxMessage }) {
  return (
    <Page title={message.subject || 'Message'}>
      <p>
        <a href="/dev/mailbox">← All messages</a> · <a href={`/dev/mailbox/${encodeURIComponent(message.file)}/raw`}>Raw</a> ·{' '}
        <a href={`/dev/mailbox/${encodeURIComponent(message.file)}/reply`}>Reply</a>
      </p>
      <h1>{message.subject}</h1>
      <table>
        <tbody>
          {Object.entries(message.headers)
            .filter(([k]) => ['from', 'to', 'reply-to', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'].includes(k))
            .map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h2>HTML</h2>
      {message.html ? (
        // sandbox without allow-scripts: the email renders, nothing in it runs.
        <iframe title="HTML part" sandbox="" srcDoc={message.html} />
      ) : (
        <p className="muted">No HTML part.</p>
      )}
      <h2>Plain text</h2>
      <pre>{message.text}</pre>
    </Page>
  );
}
