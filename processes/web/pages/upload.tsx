import { CsrfField } from './components.tsx';
import { FormError } from './fields.tsx';
import { Page } from './page.tsx';

export function UploadPage(props: { action: string; csrf: string; maxMb: number; error?: string }) {
  return (
    <Page title="Upload your LinkedIn export">
      <h1>Upload your LinkedIn export</h1>
      <p>
        On LinkedIn, open <strong>Settings → Data privacy → Get a copy of your data</strong>, and ask for the larger archive. LinkedIn emails you a
        .zip file; upload it here as it is (a single Connections.csv works too). Up to {props.maxMb} MB.
      </p>
      <form id="upload-form" method="post" action={props.action} encType="multipart/form-data">
        <CsrfField value={props.csrf} />
        <div id="drop" className="notice">
          <label htmlFor="file">Choose the file, or drop it here</label>
          <input id="file" name="file" type="file" accept=".zip,.csv,application/zip,text/csv" required aria-describedby="status" />
        </div>
        <FormError message={props.error} />
        <progress id="progress" max={100} value={0} hidden aria-label="Upload progress" />
        <p id="status" role="status" aria-live="polite" />
        <button type="submit">Upload</button>
      </form>
      <script src="/static/upload.js" defer />
    </Page>
  );
}

export function UploadStatusPage(props: { status: string; message: string; refresh: boolean }) {
  return (
    <Page title="Your export">
      {props.refresh ? <meta httpEquiv="refresh" content="2" /> : null}
      <h1>Your export</h1>
      <p role="status" aria-live="polite" data-status={props.status}>
        {props.message}
      </p>
    </Page>
  );
}
