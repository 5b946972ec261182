import { CsrfField } from './components.tsx';
import { describedBy, FieldError, FormError } from './fields.tsx';
import { Page } from './page.tsx';

/** Where an upload made from the guided start goes on to: its last step, or its upload step again. The guided start's steps use these paths. */
export const AFTER_START = { ready: '/start/ready', again: '/start/upload' } as const;

/**
 * The upload form: a drop zone over the file input. Without JavaScript the plain input shows and
 * the form posts as it is; upload.js hides the input behind its label and adds drop and progress.
 */
export function UploadForm(props: { action: string; csrf: string; maxMb: number; error?: string; fromStart?: boolean }) {
  return (
    <form id="upload-form" method="post" action={props.action} encType="multipart/form-data" data-next={props.fromStart ? AFTER_START.ready : undefined} data-again={props.fromStart ? AFTER_START.again : undefined}>
      <CsrfField value={props.csrf} />
      <div id="drop" className="dropzone">
        <label htmlFor="file" className="button">
          Choose your export
        </label>
        <input id="file" name="file" type="file" accept=".zip,.csv,application/zip,text/csv" required aria-describedby="drop-hint status" />
        <p id="drop-hint" className="muted">
          <span className="when-js">or drop it here · </span>the .zip from LinkedIn, or a Connections.csv · up to {props.maxMb} MB
        </p>
      </div>
      <FormError message={props.error} />
      <progress id="progress" max={100} value={0} hidden aria-label="Upload progress" />
      <p id="status" role="status" aria-live="polite" />
      <button type="submit">Upload</button>
      <script src="/static/upload.js" defer />
    </form>
  );
}

export function UploadPage(props: { action: string; csrf: string; maxMb: number; error?: string; fromStart?: boolean }) {
  return (
    <Page title={props.error ? 'Error: Upload your LinkedIn export' : 'Upload your LinkedIn export'}>
      <h1>Upload your LinkedIn export</h1>
      <p>
        On LinkedIn, open <strong>Settings → Data privacy → Get a copy of your data</strong>, and ask for the larger archive. LinkedIn emails you a
        .zip file; upload it here as it is.
      </p>
      <UploadForm {...props} />
    </Page>
  );
}

/** An upload's progress after the form was posted without JavaScript; the page refreshes itself until it is done. */
export function UploadStatusPage(props: { status: string; message: string; refresh: boolean; fromStart?: boolean }) {
  const done = props.status === 'imported' || props.status === 'failed';
  return (
    <Page title="Your export">
      {props.refresh ? <meta httpEquiv="refresh" content="2" /> : null}
      <h1>Your export</h1>
      <p role="status" aria-live="polite" data-status={props.status}>
        {props.message}
      </p>
      {props.fromStart && done ? (
        <p>
          {props.status === 'imported' ? (
            <a className="button" href={AFTER_START.ready}>
              See what comes next
            </a>
          ) : (
            <a className="button" href={AFTER_START.again}>
              Try another file
            </a>
          )}
        </p>
      ) : null}
    </Page>
  );
}

/** A spent upload link: the page says so and offers a fresh link by email, with one button. */
export function UsedUploadLinkPage(props: { freshAction: string; csrf: string }) {
  return (
    <Page title="This upload link was used already">
      <h1>This upload link was used already</h1>
      <p>Each upload link works once, so that nobody else can send a file into your account with it.</p>
      <form method="post" action={props.freshAction}>
        <CsrfField value={props.csrf} />
        <button type="submit">Email me a fresh link</button>
      </form>
    </Page>
  );
}

/**
 * A dead upload link (expired, revoked, mistyped): the generic words every bad link gets, and a box
 * that emails a fresh link to an address. It answers the same whether or not the address has an account.
 */
export function DeadUploadLinkPage(props: { action: string; csrf: string; error?: string; email?: string }) {
  return (
    <Page title={props.error ? 'Error: This link no longer works' : 'This link no longer works'}>
      <h1>This link no longer works</h1>
      <p>Upload links last 7 days and work once. It may also have been copied incompletely.</p>
      <form method="post" action={props.action} noValidate>
        <CsrfField value={props.csrf} />
        <label htmlFor="email">Your email address</label>
        <input type="email" id="email" name="email" autoComplete="email" defaultValue={props.email} {...describedBy('email', props.error, 'email-hint')} />
        <p className="detail" id="email-hint">
          We email a fresh upload link to the address your digests go to.
        </p>
        <FieldError field="email" message={props.error} />
        <button type="submit">Email me a fresh link</button>
      </form>
    </Page>
  );
}
