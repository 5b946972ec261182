import type { ReactNode } from 'react';
import type { SubscriberLookup } from '../admin-lookup.ts';
import { CsrfField } from './components.tsx';
import { FieldError, describedBy } from './fields.tsx';
import { Page } from './page.tsx';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '—');

export function AdminSignInPage(props: { csrf: string; error?: string }) {
  return (
    <Page title="Admin sign-in">
      <h1>Admin sign-in</h1>
      <form method="post" action="/admin/sign-in" noValidate>
        <CsrfField value={props.csrf} />
        <label htmlFor="token">Admin token</label>
        <input type="password" id="token" name="token" autoComplete="current-password" required {...describedBy('token', props.error)} />
        <FieldError field="token" message={props.error} />
        <button type="submit">Sign in</button>
      </form>
      <p className="detail">Scripts can send the same token as an Authorization: Bearer header instead.</p>
    </Page>
  );
}

function AdminPage({ title, signOutCsrf, children }: { title: string; signOutCsrf: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <nav aria-label="Admin" className="admin-nav">
        <a href="/admin">Admin</a>
        <a href="/admin/queues">Queues</a>
        <a href="/admin/subscribers">Subscribers</a>
        <form method="post" action="/admin/sign-out">
          <CsrfField value={signOutCsrf} />
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </nav>
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

function LookupForm({ email }: { email: string }) {
  return (
    // A search changes nothing, so it is a GET form and needs no CSRF field.
    <form method="get" action="/admin/subscribers" role="search">
      <label htmlFor="email">Subscriber's email address</label>
      <input type="email" id="email" name="email" defaultValue={email} autoComplete="off" />
      <button type="submit">Look up</button>
    </form>
  );
}

export function AdminHomePage({ signOutCsrf }: { signOutCsrf: string }) {
  return (
    <AdminPage title="Rapport admin" signOutCsrf={signOutCsrf}>
      <ul>
        <li>
          <a href="/admin/queues">Queue dashboard</a>: jobs waiting, running, failed; retry or remove them.
        </li>
        <li>
          <a href="/metrics">Metrics</a> (Prometheus) and <a href="/healthz">health</a>.
        </li>
      </ul>
      <h2>Find a subscriber</h2>
      <LookupForm email="" />
    </AdminPage>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  if (rows.length === 0) return <p className="muted">No {caption.toLowerCase()}.</p>;
  return (
    // Wide tables scroll sideways on a phone; the region takes focus so the keyboard can scroll it too.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What support needs to answer "where is my digest?": states and errors, never tokens or message bodies. */
export function AdminSubscriberPage(props: { signOutCsrf: string; email: string; found: SubscriberLookup | null }) {
  const { found } = props;
  return (
    <AdminPage title="Subscriber lookup" signOutCsrf={props.signOutCsrf}>
      <LookupForm email={props.email} />
      {props.email && !found ? (
        <p role="status">No subscriber has this address.</p>
      ) : null}
      {found ? (
        <>
          <h2>{found.subscriber.email}</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>{found.subscriber.status}</dd>
            <dt>Signed up</dt>
            <dd>{when(found.subscriber.created_at)}</dd>
            <dt>Confirmed</dt>
            <dd>{when(found.subscriber.confirmed_at)}</dd>
            <dt>Paused until</dt>
            <dd>{when(found.subscriber.paused_until)}</dd>
            <dt>Schedule</dt>
            <dd>
              {weekdays[found.subscriber.digest_weekday - 1]} {String(found.subscriber.digest_hour).padStart(2, '0')}:00 {found.subscriber.time_zone},{' '}
              {found.subscriber.review_size} to review
            </dd>
            <dt>Address change pending</dt>
            <dd>{found.subscriber.pending_email ? 'yes' : 'no'}</dd>
          </dl>
          <Table
            caption="Exports"
            head={['Uploaded', 'Source', 'Status', 'Connections', 'Rejected rows', 'Error']}
            rows={found.exports.map((e) => [when(e.created_at), e.source, e.status, e.summary?.connections ?? '—', e.summary?.rejectedRows ?? '—', e.error_message ?? ''])}
          />
          <Table caption="Digests" head={['Week', 'Status', 'Planned', 'Built']} rows={found.digests.map((d) => [d.iso_week, d.status, when(d.created_at), when(d.built_at)])} />
          <Table
            caption="Emails"
            head={['Queued', 'Kind', 'Status', 'Attempts', 'Sent', 'Last error']}
            rows={found.outbox.map((o) => [when(o.created_at), o.kind, o.status, o.attempts, when(o.sent_at), o.last_error ?? ''])}
          />
        </>
      ) : null}
    </AdminPage>
  );
}
