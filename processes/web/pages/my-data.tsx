import type { DataCounts } from '../../../db/queries/data-export.ts';
import { CsrfField } from './components.tsx';
import { FieldError, describedBy } from './fields.tsx';
import { Page } from './page.tsx';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function MyDataPage(props: { base: string; settingsUrl: string; csrf: string; counts: DataCounts; error?: string }) {
  const c = props.counts;
  return (
    <Page title="Your data">
      <h1>Your data</h1>
      <p>Everything Rapport keeps about you, to take away or to erase.</p>

      <h2>What we hold</h2>
      <ul>
        <li>Your address, name, schedule and {plural(c.strategyAnswers, 'version', 'versions')} of your strategy answers</li>
        <li>{plural(c.exports, 'LinkedIn upload', 'LinkedIn uploads')} (what was in them, not the files: those are deleted once read)</li>
        <li>
          {plural(c.connections, 'connection', 'connections')}, with what your exports say about each, and {plural(c.answers, 'answer', 'answers')} you gave
          about them
        </li>
        <li>
          {plural(c.digests, 'digest', 'digests')}, {plural(c.emails, 'email', 'emails')} sent to you and {plural(c.inboundMessages, 'reply', 'replies')}{' '}
          received from you
        </li>
      </ul>

      <h2>Download</h2>
      <p className="actions">
        <a className="button" href={`${props.base}/rapport-data.json`} download>
          Everything (JSON)
        </a>
        <a className="button secondary" href={`${props.base}/connections.csv`} download>
          Your connections (CSV)
        </a>
      </p>
      <p className="detail">
        The JSON file has everything above. The CSV opens in any spreadsheet; a cell that starts like a formula (with =, +, - or @) gets a '
        in front, so nothing in it can run.
      </p>

      <h2>Erase everything</h2>
      <p>
        This deletes your subscription, your answers, your uploads, your connections and everything worked out from them, the emails we
        sent you and the replies you sent us. Links in old emails stop working. It cannot be undone.
      </p>
      <p className="detail">
        Only want fewer emails? You can pause or unsubscribe in <a href={props.settingsUrl}>your settings</a> instead.
      </p>
      <form method="post" action={`${props.base}/erase`} noValidate>
        <CsrfField value={props.csrf} />
        <div className="check">
          <input type="checkbox" id="confirm" name="confirm" value="erase" {...describedBy('confirm', props.error)} />
          <label htmlFor="confirm">I understand: erase all my data now, for good.</label>
        </div>
        <FieldError field="confirm" message={props.error} />
        <button type="submit" className="danger">
          Erase my data
        </button>
      </form>
    </Page>
  );
}

export function ErasedPage() {
  return (
    <Page title="Your data is erased">
      <h1>Your data is erased</h1>
      <p>Everything Rapport held about you is gone, and the links in our old emails no longer work.</p>
      <p>
        Thank you for the time you spent with Rapport. You are welcome back at any time: <a href="/">sign up again</a>.
      </p>
    </Page>
  );
}
