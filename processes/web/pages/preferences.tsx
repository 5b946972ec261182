import type { Purpose } from '../../../domain/network/types.ts';
import { purposeLabels, storedFields, targetKinds, type FieldErrors, type PreferencesFields } from '../../../services/strategy/form.ts';
import { describedBy, errorId, FieldError } from './fields.tsx';
import { readableDate, timeZoneChoices } from '../../../domain/time-zones.ts';
import { CsrfField } from './components.tsx';
import { Page } from './page.tsx';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const targetLabels = { company: 'Companies', role: 'Roles', industry: 'Industries', keyword: 'Keywords' } as const;

export interface PreferencesView {
  email: string;
  /** A new address waiting for its confirmation link to be used. */
  pendingEmail: string | null;
  name: string | null;
  status: string;
  pausedUntil: Date | null;
  reviewSize: number;
  weekday: number;
  hour: number;
  timeZone: string;
}

/** Where each field's error takes the reader: the control it is about. */
const FIELD_IDS: Record<string, string> = { purposes: `purposes_${Object.keys(purposeLabels)[0]}`, reviewSize: 'review_size', timeZone: 'time_zone' };
/** What the summary calls each field, as its label does. */
const FIELD_NAMES: Record<string, string> = {
  purposes: 'Why you are on LinkedIn',
  gain: 'What you hope to gain',
  ...Object.fromEntries(targetKinds.map((kind) => [`targets_${kind}`, targetLabels[kind]])),
  reviewSize: 'People to review each week',
  weekday: 'Day',
  hour: 'Hour',
  timeZone: 'Time zone',
};

/**
 * The form's errors at the top, focused when the page opens (so a screen reader starts there and a
 * sighted reader sees them first), each a link to its field.
 */
export function ErrorSummary({ errors }: { errors: Array<[string, string]> }) {
  return (
    <div className="error-summary" role="alert" tabIndex={-1} autoFocus aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{errors.length === 1 ? 'One answer needs a look' : `${errors.length} answers need a look`}</h2>
      <ul>
        {errors.map(([field, message]) => (
          <li key={field}>
            <a href={`#${FIELD_IDS[field] ?? field}`}>{FIELD_NAMES[field] ? `${FIELD_NAMES[field]}: ${message}` : message}</a>
          </li>
        ))}
      </ul>
      <p>Everything else you typed is still here.</p>
    </div>
  );
}

/** The form's errors, without the address form's (shown beside that form), as the summary lists them. */
export const summaryErrors = (errors: FieldErrors) => Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== 'new_email');

function Notice({ text }: { text: string | undefined }) {
  return text ? (
    <p className="notice" role="status">
      {text}
    </p>
  ) : null;
}

/**
 * The four strategy questions, as the strategy page and the guided start ask them. Targets come
 * with why they matter: they are what introductions are looked for at.
 */
export function StrategyQuestions({ fields, errors }: { fields: PreferencesFields; errors: FieldErrors }) {
  return (
    <>
      <fieldset aria-describedby={errors.purposes ? errorId('purposes') : undefined}>
        <legend>Why are you on LinkedIn?</legend>
        <div className="choices">
          {(Object.keys(purposeLabels) as Purpose[]).map((p) => (
            <label key={p}>
              <input type="checkbox" id={`purposes_${p}`} name="purposes" value={p} defaultChecked={fields.purposes.includes(p)} />
              {purposeLabels[p]}
            </label>
          ))}
        </div>
        <FieldError field="purposes" message={errors.purposes} />
      </fieldset>
      <fieldset>
        <legend>What do you hope to gain?</legend>
        <label htmlFor="gain">In your own words</label>
        <textarea id="gain" name="gain" rows={3} defaultValue={fields.gain} {...describedBy('gain', errors.gain)} />
        <FieldError field="gain" message={errors.gain} />
        <p className="detail" id="targets-hint">
          Name at least one company you want to work with or for. Rapport looks there for people you know well who can introduce you, and
          tells you where your network has no way in yet. Separate several with commas.
        </p>
        {targetKinds.map((kind) => (
          <div key={kind}>
            <label htmlFor={`targets_${kind}`}>{targetLabels[kind]}</label>
            <input type="text" id={`targets_${kind}`} name={`targets_${kind}`} defaultValue={fields.targets[kind]} {...describedBy(`targets_${kind}`, errors[`targets_${kind}`], 'targets-hint')} />
            <FieldError field={`targets_${kind}`} message={errors[`targets_${kind}`]} />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>Is your profile professionally sound, and does it communicate strong value?</legend>
        <div className="choices">
          {(['yes', 'partly', 'no'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="profile_confidence" value={v} defaultChecked={fields.profileConfidence === v} />
              {v === 'yes' ? 'Yes' : v === 'partly' ? 'Partly' : 'No'}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Is growing the number of your connections a goal?</legend>
        <div className="choices">
          <label>
            <input type="radio" name="numbers_focus" value="yes" defaultChecked={fields.numbersFocus === 'yes'} />
            Yes
          </label>
          <label>
            <input type="radio" name="numbers_focus" value="no" defaultChecked={fields.numbersFocus === 'no'} />
            No
          </label>
        </div>
      </fieldset>
    </>
  );
}

/** The questionnaire, on its own page for a signed-in browser; settings are on theirs. */
export function StrategyPage(props: { action: string; csrf: string; fields: PreferencesFields; errors?: FieldErrors; notice?: string }) {
  const errors = props.errors ?? {};
  const listed = summaryErrors(errors);
  return (
    <Page title={listed.length ? 'Error: Your strategy' : 'Your strategy'}>
      <h1>Your strategy</h1>
      <Notice text={props.notice} />
      {listed.length ? <ErrorSummary errors={listed} /> : null}
      <p>What you want from your network decides which people and introductions each digest puts first.</p>
      <form method="post" action={props.action} noValidate>
        <CsrfField value={props.csrf} />
        <StrategyQuestions fields={props.fields} errors={errors} />
        <button type="submit">Save my strategy</button>
      </form>
      <p>
        <a href="/settings">Your settings</a>
      </p>
    </Page>
  );
}

/** Schedule, pause, address, data, subscription and sign-out, for a signed-in browser. */
export function SettingsPage(props: {
  base: string;
  myDataUrl: string;
  signOutUrl: string;
  csrf: string;
  view: PreferencesView;
  errors?: FieldErrors;
  /** What was typed, when saving it failed; otherwise the stored settings are shown. */
  fields?: PreferencesFields;
  notice?: string;
}) {
  const { view } = props;
  const errors = props.errors ?? {};
  const fields = props.fields ?? storedFields({ ...view, answers: null });
  const listed = summaryErrors(errors);
  return (
    <Page title={listed.length ? 'Error: Your settings' : 'Your settings'}>
      <h1>Your settings</h1>
      <Notice text={props.notice} />
      {listed.length ? <ErrorSummary errors={listed} /> : null}
      <p>
        What the digest looks for is <a href="/strategy">your strategy</a>.
      </p>
      <h2>Your weekly digest</h2>
      <form method="post" action={props.base} noValidate>
        <CsrfField value={props.csrf} />
      <fieldset>
        <legend>When and how much</legend>
        <label htmlFor="review_size">People to review each week</label>
        <input type="text" inputMode="numeric" id="review_size" name="review_size" defaultValue={fields.reviewSize} {...describedBy('reviewSize', errors.reviewSize)} />
        <FieldError field="reviewSize" message={errors.reviewSize} />
        <label htmlFor="weekday">Day</label>
        <select id="weekday" name="weekday" defaultValue={fields.weekday} {...describedBy('weekday', errors.weekday)}>
          {weekdays.map((d, i) => (
            <option key={d} value={i + 1}>
              {d}
            </option>
          ))}
        </select>
        <FieldError field="weekday" message={errors.weekday} />
        <label htmlFor="hour">Hour</label>
        <select id="hour" name="hour" defaultValue={fields.hour} {...describedBy('hour', errors.hour)}>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {String(h).padStart(2, '0')}:00
            </option>
          ))}
        </select>
        <FieldError field="hour" message={errors.hour} />
        <label htmlFor="time_zone">Time zone</label>
        {/* A text field over a list it searches as one types (a city, a region or an offset); without a match the server still reads a city alone. */}
        <input
          type="text"
          id="time_zone"
          name="time_zone"
          list="time-zones"
          autoComplete="off"
          spellCheck={false}
          defaultValue={fields.timeZone}
          {...describedBy('timeZone', errors.timeZone, 'time-zone-hint')}
        />
        <p className="detail" id="time-zone-hint">
          Type a city, such as Kyiv or New York, and pick it from the list.
        </p>
        <datalist id="time-zones">
          {timeZoneChoices().map((zone) => (
            <option key={zone.id} value={zone.id} label={zone.label} />
          ))}
        </datalist>
        <FieldError field="timeZone" message={errors.timeZone} />
      </fieldset>
        <button type="submit">Save</button>
      </form>

      <h2>Take a break</h2>
      <form method="post" action={`${props.base}/pause`}>
        <CsrfField value={props.csrf} />
        {view.pausedUntil && view.pausedUntil > new Date() ? (
          <>
            <p>Digests are paused until {readableDate(view.pausedUntil, view.timeZone)}.</p>
            <input type="hidden" name="weeks" value="0" />
            <button type="submit" className="secondary">
              Resume now
            </button>
          </>
        ) : (
          <>
            <label htmlFor="weeks">Pause digests for</label>
            <select id="weeks" name="weeks" defaultValue="2">
              {[1, 2, 3, 4, 6, 8, 12].map((w) => (
                <option key={w} value={w}>
                  {w} {w === 1 ? 'week' : 'weeks'}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary">
              Pause
            </button>
          </>
        )}
      </form>

      <h2>Your email address</h2>
      <form method="post" action={`${props.base}/email`} noValidate>
        <CsrfField value={props.csrf} />
        <p>
          Digests go to <strong>{view.email}</strong>.
        </p>
        {view.pendingEmail ? (
          <p className="notice" role="status">
            We sent a link to {view.pendingEmail}. Your address changes once you open it from that inbox and confirm.
          </p>
        ) : null}
        <label htmlFor="new_email">New email address</label>
        <input type="email" id="new_email" name="new_email" autoComplete="email" {...describedBy('new_email', errors.new_email)} />
        <FieldError field="new_email" message={errors.new_email} />
        <p className="detail">We send a link to the new address; nothing changes until you open it there. Then this address is told, with a way to undo the change.</p>
        <button type="submit" className="secondary">
          Change address
        </button>
      </form>

      <h2>Your data</h2>
      <p>
        <a href={props.myDataUrl}>Download or erase everything Rapport holds about you</a>
      </p>

      <h2>Subscription</h2>
      <form method="post" action={`${props.base}/subscription`}>
        <CsrfField value={props.csrf} />
        {view.status === 'unsubscribed' ? (
          <>
            <p>You are unsubscribed: no digests are sent.</p>
            <input type="hidden" name="action" value="resubscribe" />
            <button type="submit">Subscribe again</button>
          </>
        ) : (
          <>
            <input type="hidden" name="action" value="unsubscribe" />
            <button type="submit" className="secondary">
              Unsubscribe
            </button>
          </>
        )}
      </form>

      <h2>Signed-in browsers</h2>
      <p>This browser stays signed in for up to 30 days, or until a week without a visit.</p>
      <form method="post" action={props.signOutUrl} className="actions">
        <CsrfField value={props.csrf} />
        <button type="submit" className="secondary">
          Sign out
        </button>
        <button type="submit" className="secondary" name="everywhere" value="yes">
          Sign out everywhere
        </button>
      </form>
      <p className="detail">Signing out everywhere also signs out every other phone and computer where you opened a sign-in link.</p>
    </Page>
  );
}
