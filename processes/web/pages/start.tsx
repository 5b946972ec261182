import type { FieldErrors, PreferencesFields } from '../../../services/strategy/form.ts';
import { EXPORT_REQUEST_STEPS, LINKEDIN_EXPORT_PAGE } from '../../../domain/linkedin-export/request-steps.ts';
import { CsrfField } from './components.tsx';
import { Page } from './page.tsx';
import { ErrorSummary, summaryErrors, StrategyQuestions } from './preferences.tsx';
import { AFTER_START, UploadForm } from './upload.tsx';

/**
 * The guided start a new subscriber walks after confirming their address: welcome, the four
 * questions, the upload, and what comes next. Each step says where it is and leads back.
 */

export const START_STEPS = [
  { path: '/start', name: 'Welcome' },
  { path: '/start/questions', name: 'Your strategy' },
  { path: AFTER_START.again, name: 'Your export' },
  { path: AFTER_START.ready, name: 'Ready' },
] as const;

type StepIndex = 0 | 1 | 2 | 3;

function StartPage({ step, title, children }: { step: StepIndex; title: string; children: React.ReactNode }) {
  const back = step > 0 ? START_STEPS[step - 1] : null;
  return (
    <Page title={`${title} (step ${step + 1} of ${START_STEPS.length})`}>
      <nav aria-label="Getting started">
        <ol className="stepper">
          {START_STEPS.map((s, i) => (
            <li key={s.path} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>
              {i < step ? <a href={s.path}>{s.name}</a> : s.name}
            </li>
          ))}
        </ol>
      </nav>
      {children}
      {back ? (
        <p>
          <a href={back.path}>← Back to {back.name.toLowerCase()}</a>
        </p>
      ) : null}
    </Page>
  );
}

export function WelcomePage(props: { name: string | null; nextDigest: string }) {
  return (
    <StartPage step={0} title="Welcome to Rapport">
      <h1>{props.name ? `Welcome to Rapport, ${props.name}` : 'Welcome to Rapport'}</h1>
      <p className="lead">Your address is confirmed. Two short steps, about five minutes: what you want from your network, then your LinkedIn export.</p>
      <p>Then every week, {props.nextDigest}, one short email:</p>
      <ul>
        <li>a few connections to confirm you really know, each answered with one tap or a word in a reply;</li>
        <li>introductions you could ask for, through people you know well;</li>
        <li>where your network has no way in to what you want yet.</li>
      </ul>
      <p>
        <a className="button" href={START_STEPS[1].path}>
          Start with your strategy
        </a>
      </p>
      <p className="muted">
        Change when the digest comes, pause it or unsubscribe any time in <a href="/settings">your settings</a>.
      </p>
    </StartPage>
  );
}

export function StartQuestionsPage(props: { csrf: string; fields: PreferencesFields; errors?: FieldErrors; notice?: string }) {
  const errors = props.errors ?? {};
  const listed = summaryErrors(errors);
  return (
    <StartPage step={1} title={listed.length ? 'Error: Your strategy' : 'Your strategy'}>
      <h1>What do you want from your network?</h1>
      {props.notice ? (
        <p className="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {listed.length ? <ErrorSummary errors={listed} /> : null}
      <p>Four questions. Your answers decide which people and introductions each digest puts first; you can change them whenever you like.</p>
      <form method="post" action={START_STEPS[1].path} noValidate>
        <CsrfField value={props.csrf} />
        <StrategyQuestions fields={props.fields} errors={errors} />
        <div className="actions">
          <button type="submit">Save and continue</button>
        </div>
      </form>
      {props.notice ? (
        <p>
          <a href={START_STEPS[2].path}>Continue without a target</a>
        </p>
      ) : null}
    </StartPage>
  );
}

export function StartUploadPage(props: { action: string; csrf: string; maxMb: number }) {
  return (
    <StartPage step={2} title="Your LinkedIn export">
      <h1>Bring in your LinkedIn network</h1>
      <p>LinkedIn gives every member a copy of their data. Rapport reads your connections, messages and invitations from it, and nothing else.</p>
      <ol className="steps">
        {EXPORT_REQUEST_STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>
        <a className="button secondary" href={LINKEDIN_EXPORT_PAGE} target="_blank" rel="noopener noreferrer">
          Open LinkedIn’s export page
        </a>
      </p>
      <h2>Upload it</h2>
      <UploadForm action={props.action} csrf={props.csrf} maxMb={props.maxMb} fromStart />
      <p className="muted">
        Waiting for LinkedIn’s email? We have emailed you an upload link as well, so you can come back from there. <a href={START_STEPS[3].path}>Skip for now</a>
      </p>
    </StartPage>
  );
}

export type ReadyState =
  | { kind: 'none' }
  | { kind: 'reading' }
  | { kind: 'failed'; message: string }
  | { kind: 'imported'; connections: number };

export function ReadyPage({ state, nextDigest }: { state: ReadyState; nextDigest: string }) {
  return (
    <StartPage step={3} title="Ready">
      {state.kind === 'reading' ? <meta httpEquiv="refresh" content="3" /> : null}
      {state.kind === 'imported' ? (
        <>
          <h1>Your network is in</h1>
          <p className="lead" role="status">
            We read {state.connections.toLocaleString('en-GB')} connections. Your first digest comes {nextDigest}: it asks about a few of them, and each answer takes one tap
            or a sentence in a reply.
          </p>
        </>
      ) : state.kind === 'reading' ? (
        <>
          <h1>Reading your export…</h1>
          <p role="status" aria-live="polite">
            This page moves on by itself in a moment.
          </p>
        </>
      ) : state.kind === 'failed' ? (
        <>
          <h1>We could not read that file</h1>
          <p role="alert">{state.message}</p>
          <p>
            <a className="button" href={START_STEPS[2].path}>
              Try another file
            </a>
          </p>
        </>
      ) : (
        <>
          <h1>Your digest starts with your export</h1>
          <p>
            As soon as LinkedIn’s email arrives, upload the .zip with the link we sent you or on <a href={START_STEPS[2].path}>the upload step</a>. Your first digest comes{' '}
            {nextDigest}.
          </p>
        </>
      )}
      <p className="muted">
        Change them any time: <a href="/strategy">your strategy</a> · <a href="/settings">your settings</a>
      </p>
    </StartPage>
  );
}
