import type { MailboxMessage } from '../../../services/mail/dev-mailbox.ts';
import { CsrfField } from './components.tsx';
import { FieldError, describedBy } from './fields.tsx';
import { Page } from './page.tsx';

export function DevReplyPage(props: { message: MailboxMessage; action: string; csrf: string; body?: string; error?: string }) {
  const { message } = props;
  const back = `/dev/mailbox/${encodeURIComponent(message.file)}`;
  return (
    <Page title="Reply">
      <p>
        <a href="/dev/mailbox">← All messages</a> · <a href={back}>The message</a>
      </p>
      <h1>Reply to “{message.subject}”</h1>
      <p className="muted break-anywhere">
        Sent as {message.headers.to ?? message.to} to {message.headers['reply-to'] ?? '(no Reply-To)'}, into the same inbound path as real mail.
        The original is quoted below your text, as a mail client would.
      </p>
      <form method="post" action={props.action} noValidate>
        <CsrfField value={props.csrf} />
        <label htmlFor="body">Your reply</label>
        <textarea id="body" name="body" rows={6} defaultValue={props.body ?? ''} {...describedBy('body', props.error, 'body-hint')} />
        <p className="detail" id="body-hint">
          For example: known 1 3, close 2, unknown 4, intro 5, upload, help or unsubscribe.
        </p>
        <FieldError field="body" message={props.error} />
        <button type="submit">Send reply</button>
      </form>
    </Page>
  );
}

export function DevReplySentPage(props: { file: string; inboundId: string; duplicate: boolean }) {
  return (
    <Page title="Reply sent">
      <h1>Reply sent</h1>
      <p role="status">
        {props.duplicate ? 'This exact message was received before; it is processed once.' : 'Stored as an inbound message and queued for processing.'} Inbound id:{' '}
        <code>{props.inboundId}</code>
      </p>
      <p>
        <a href="/dev/mailbox">Back to the mailbox</a> · <a href={`/dev/mailbox/${encodeURIComponent(props.file)}`}>The message</a>
      </p>
    </Page>
  );
}
