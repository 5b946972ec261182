import type { Purpose, StrategyAnswers } from '../../../domain/network/types.ts';
import { purposeLabels, targetKinds, type FieldErrors } from '../../../services/strategy/form.ts';
import { findTimeZone, readableDate, timeZoneChoices } from '../../../domain/time-zones.ts';
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
  answers: StrategyAnswers | null;
}

function FieldError({ errors, field }: { errors: FieldErrors; field: string }) {
  const message = errors[field];
  return message ? (
    <p className="error" id={`${field}-error`} role="alert">
      {message}
    </p>
  ) : null;
}

/** The questionnaire and every setting, on one page for a signed-in browser (digest links lead to its sign-in). */
export function PreferencesPage(props: {
  base: string;
  myDataUrl: string;
  signOutUrl: string;
  csrf: string;
  view: PreferencesView;
  errors?: FieldErrors;
  notice?: string;
}) {
  const { view } = props;
  const errors = props.errors ?? {};
  const answers = view.answers;
  const targetsOf = (kind: string) => (answers?.targets ?? []).filter((t) => t.kind === kind).map((t) => t.value).join(', ');
  const described = (field: string) => (errors[field] ? `${field}-error` : undefined);
  return (
    <Page title="Your strategy and settings">
      <h1>Your strategy and settings</h1>
      {props.notice ? (
        <p className="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="post" action={props.base} noValidate>
        <CsrfField value={props.csrf} />
        <h2>Your strategy</h2>
        <fieldset>
          <legend>Why are you on LinkedIn?</legend>
          <div className="choices">
            {(Object.keys(purposeLabels) as Purpose[]).map((p) => (
              <label key={p}>
                <input type="checkbox" name="purposes" value={p} defaultChecked={answers?.purposes.includes(p)} />
                {purposeLabels[p]}
              </label>
            ))}
          </div>
          <FieldError errors={errors} field="purposes" />
        </fieldset>
        <fieldset>
          <legend>What do you hope to gain?</legend>
          <label htmlFor="gain">In your own words</label>
          <textarea id="gain" name="gain" rows={3} defaultValue={answers?.gain ?? ''} aria-describedby={described('gain')} />
          <FieldError errors={errors} field="gain" />
          <p className="detail">Concrete targets help us find introductions. Separate several with commas.</p>
          {targetKinds.map((kind) => (
            <div key={kind}>
              <label htmlFor={`targets_${kind}`}>{targetLabels[kind]}</label>
              <input type="text" id={`targets_${kind}`} name={`targets_${kind}`} defaultValue={targetsOf(kind)} aria-describedby={described(`targets_${kind}`)} />
              <FieldError errors={errors} field={`targets_${kind}`} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Is your profile professionally sound, and does it communicate strong value?</legend>
          <div className="choices">
            {(['yes', 'partly', 'no'] as const).map((v) => (
              <label key={v}>
                <input type="radio" name="profile_confidence" value={v} defaultChecked={answers?.profileConfidence === v} />
                {v === 'yes' ? 'Yes' : v === 'partly' ? 'Partly' : 'No'}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Is growing the number of your connections a goal?</legend>
          <div className="choices">
            <label>
              <input type="radio" name="numbers_focus" value="yes" defaultChecked={answers?.numbersFocus === true} />
              Yes
            </label>
            <label>
              <input type="radio" name="numbers_focus" value="no" defaultChecked={answers?.numbersFocus === false} />
              No
            </label>
          </div>
        </fieldset>
        <h2>Your weekly digest</h2>
        <fieldset>
          <legend>When and how much</legend>
          <label htmlFor="review_size">People to review each week</label>
          <input type="text" inputMode="numeric" id="review_size" name="review_size" defaultValue={String(view.reviewSize)} aria-describedby={described('reviewSize')} />
          <FieldError errors={errors} field="reviewSize" />
          <label htmlFor="weekday">Day</label>
          <select id="weekday" name="weekday" defaultValue={String(view.weekday)}>
            {weekdays.map((d, i) => (
              <option key={d} value={i + 1}>
                {d}
              </option>
            ))}
          </select>
          <label htmlFor="hour">Hour</label>
          <select id="hour" name="hour" defaultValue={String(view.hour)}>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>
                {String(h).padStart(2, '0')}:00
              </option>
            ))}
          </select>
          <label htmlFor="time_zone">Time zone</label>
          {/* A text field over a list it searches as one types (a city, a region or an offset); without a match the server still reads a city alone. */}
          <input
            type="text"
            id="time_zone"
            name="time_zone"
            list="time-zones"
            autoComplete="off"
            spellCheck={false}
            defaultValue={findTimeZone(view.timeZone) ?? view.timeZone}
            aria-describedby={['time-zone-hint', described('timeZone')].filter(Boolean).join(' ')}
          />
          <p className="detail" id="time-zone-hint">
            Type a city, such as Kyiv or New York, and pick it from the list.
          </p>
          <datalist id="time-zones">
            {timeZoneChoices().map((zone) => (
              <option key={zone.id} value={zone.id} label={zone.label} />
            ))}
          </datalist>
          <FieldError errors={errors} field="timeZone" />
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
        <input type="email" id="new_email" name="new_email" autoComplete="email" aria-describedby={described('new_email')} />
        <FieldError errors={errors} field="new_email" />
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
