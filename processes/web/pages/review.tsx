import { answerOutcomes, choicesByKind, type ItemAnswer } from '../../../domain/digest-items/index.ts';
import { ProgressChart, type ProgressView } from '../../../emails/components/progress-chart.tsx';
import { profileLink } from '../../../emails/profile-link.ts';
import type { ReviewableItem } from '../../../services/actions/apply-answers.ts';
import type { PersonToReview } from '../../../services/actions/people-at-target.ts';
import { pathTo, readPath } from '../../../domain/public-links.ts';
import { CsrfField } from './components.tsx';
import { FormError } from './fields.tsx';
import { Page } from './page.tsx';

/**
 * Opened from any action link in a digest. Showing it changes nothing (scanners open every link);
 * the answer from the link is only preselected, and the whole digest can be answered at once.
 */
/** The unreviewed people at one of the subscriber's targets, listed under the week's items. */
export interface TargetPeople {
  label: string;
  people: PersonToReview[];
  total: number;
}

const PERSON_CHOICES = choicesByKind.review.filter((c) => c.answer !== 'skip');

function TargetSection({ target }: { target: TargetPeople }) {
  const shown = target.people.length;
  return (
    <section aria-labelledby="target-people">
      <h2 id="target-people">
        People at <bdi>{target.label}</bdi> you have not reviewed
      </h2>
      {shown === 0 ? <p>Nobody left to review there.</p> : null}
      {target.total > shown ? <p className="muted">{`The first ${shown} of ${target.total}; the rest follow once you save these.`}</p> : null}
      {target.people.map((person) => {
        const url = profileLink(person.profileUrl);
        return (
          <fieldset key={person.id} data-person={person.id} data-saved="">
            <legend>{url ? <a href={url}><bdi>{person.name}</bdi></a> : <bdi>{person.name}</bdi>}</legend>
            {person.line ? <p className="detail"><bdi>{person.line}</bdi></p> : null}
            <div className="choices">
              {PERSON_CHOICES.map(({ answer, label }) => (
                <label key={answer}>
                  <input type="radio" name={`person_${person.id}`} value={answer} />
                  {label}
                </label>
              ))}
              <label>
                <input type="radio" name={`person_${person.id}`} value="" defaultChecked />
                No answer
              </label>
            </div>
            <ItemStatus />
          </fieldset>
        );
      })}
    </section>
  );
}

/** The words of the one tapped answer, as a button that says exactly what pressing it saves. */
function confirmWords(item: ReviewableItem, answer: ItemAnswer): string {
  const name = item.title;
  switch (answer) {
    case 'known':
      return item.kind === 'close' ? `I know ${name}, not closely` : `Yes, I know ${name}`;
    case 'close':
      return `Yes, I know ${name} well`;
    case 'unknown':
      return `No, I don't know ${name}`;
    case 'skip':
      return item.kind === 'gap' ? 'Dismiss this for now' : `Ask me about ${name} later`;
    case 'intro':
      return 'Yes, draft this introduction';
    case 'introduced':
      return 'Yes, the introduction happened';
    case 'waiting':
      return 'No answer yet: ask me again later';
    case 'declined':
      return 'They declined';
    case 'unneeded':
      return 'It is not needed any more';
  }
}

/**
 * Where review.js says what happened to one item ("Saved", an error, an undo) without moving the
 * page: empty, and so silent, until the script writes to it.
 */
function ItemStatus() {
  return <div className="item-status" role="status" aria-live="polite" />;
}

/**
 * A button in the email opened this page with one answer: that answer, first thing on the page,
 * as one button that saves it. The GET itself still saves nothing (scanners open every link).
 * Without scripts the button posts the form and the saved page follows; with review.js it saves
 * in place and the button gives way to "Saved" and an Undo. An introduction always posts: the
 * page that follows shows its draft.
 */
function TappedAnswer({ action, csrf, item, answer }: { action: string; csrf: string; item: ReviewableItem; answer: ItemAnswer }) {
  return (
    <form method="post" action={action} className="tapped" data-item={item.number} data-answer={answer}>
      <CsrfField value={csrf} />
      <input type="hidden" name={`item_${item.number}`} value={answer} />
      <button type="submit" className="confirm">
        <bdi>{confirmWords(item, answer)}</bdi>
      </button>
      <ItemStatus />
      <p className="muted tapped-note">{`Item ${item.number} of this week's digest. Nothing is saved until you press it; the rest of the week is below.`}</p>
    </form>
  );
}

export function ReviewPage(props: {
  action: string;
  undoAction: string;
  csrf: string;
  items: ReviewableItem[];
  preselect: Map<number, ItemAnswer>;
  progress: ProgressView;
  target: TargetPeople | null;
  error?: string;
}) {
  const [tapped] = props.preselect.size === 1 ? [...props.preselect] : [];
  const tappedItem = tapped ? props.items.find((i) => i.number === tapped[0]) : undefined;
  const hasIntro = props.items.some((i) => i.kind === 'intro');
  return (
    <Page title="Your answers">
      {tappedItem && tapped ? <TappedAnswer action={props.action} csrf={props.csrf} item={tappedItem} answer={tapped[1]} /> : null}
      <h1>Your answers for this week</h1>
      <div className="progress">
        <ProgressChart view={props.progress} />
      </div>
      {/* Each sentence is true in one mode only: review.js swaps them when it runs. */}
      <p data-without-script="">Check the answers below, change any you like, then press Save answers. Nothing is saved until you press Save answers.</p>
      <p data-with-script="" hidden>
        {`Answers save as you choose them, each with an Undo.${hasIntro ? ' An introduction is drafted when you press Save answers, which shows the draft.' : ''}`}
      </p>
      <FormError message={props.error} />
      <form method="post" action={props.action} data-autosave="" data-undo={props.undoAction}>
        <CsrfField value={props.csrf} />
        {/* One Save at the top too: on a phone the bottom one is several screens away. With review.js
            each answer saves as it is chosen and this one goes; the bottom one stays for drafts. */}
        <button type="submit" data-without-script="">
          Save answers
        </button>
        {props.target ? <TargetSection target={props.target} /> : null}
        {props.items.map((item) => {
          const selected = props.preselect.get(item.number) ?? item.answer ?? '';
          return (
            <fieldset key={item.number} id={`item-${item.number}`} data-item={item.number} data-kind={item.kind} data-saved={item.answer ?? ''}>
              <legend>
                {item.number}. <bdi>{item.title}</bdi>
              </legend>
              {item.detail ? <p className="detail">{item.detail}</p> : null}
              <div className="choices">
                {choicesByKind[item.kind].map(({ answer, label }) => (
                  <label key={answer}>
                    <input type="radio" name={`item_${item.number}`} value={answer} defaultChecked={selected === answer} />
                    {label}
                  </label>
                ))}
                <label>
                  <input type="radio" name={`item_${item.number}`} value="" defaultChecked={selected === ''} />
                  No answer
                </label>
              </div>
              <ItemStatus />
            </fieldset>
          );
        })}
        <button type="submit">Save answers</button>
      </form>
      <script src="/static/review.js" defer />
    </Page>
  );
}

export interface SavedAnswer {
  number: number;
  title: string;
  answer: ItemAnswer;
  draft: { subject: string; body: string; viaName: string; viaProfileUrl: string | null } | null;
}

// LinkedIn's own inbox, where a message to a connection is written.
const LINKEDIN_MESSAGING = 'https://www.linkedin.com/messaging/';

export function SavedPage(props: { action: string; undoAction: string; csrf: string; saved: SavedAnswer[]; peopleSaved: number; rejected: string[] }) {
  // "I sent it" posts with the same digest link as the page's own forms.
  const pageLink = readPath('answers', props.action);
  const sentAction = pageLink ? pathTo('introSent', pageLink) : null;
  return (
    <Page title="Saved">
      <h1>Saved</h1>
      {props.saved.length === 0 && props.peopleSaved === 0 ? <p>Nothing was changed.</p> : null}
      {props.peopleSaved > 0 ? <p>{props.peopleSaved === 1 ? 'Your answer about 1 more person is saved.' : `Your answers about ${props.peopleSaved} more people are saved.`}</p> : null}
      <ul className="plain">
        {props.saved.map((s) => (
          <li key={s.number}>
            <span>
              {s.number}. <bdi>{s.title}</bdi>: <strong>{answerOutcomes[s.answer]}</strong>
            </span>
            <form method="post" action={props.undoAction}>
              <CsrfField value={props.csrf} />
              <input type="hidden" name="item" value={s.number} />
              <button type="submit" className="secondary" aria-label={`Undo the answer to item ${s.number}`}>
                Undo
              </button>
            </form>
          </li>
        ))}
      </ul>
      {props.saved
        .filter((s) => s.draft)
        .map((s) => (
          <section key={`draft-${s.number}`} aria-labelledby={`draft-${s.number}`}>
            <h2 id={`draft-${s.number}`}>Draft ready (item {s.number})</h2>
            <p>
              Nothing has been sent: edit it as you like and send it yourself, to <bdi>{s.draft!.viaName}</bdi>. It comes better from
              you than from us.
            </p>
            <label htmlFor={`draft-subject-${s.number}`}>Subject</label>
            <input type="text" id={`draft-subject-${s.number}`} defaultValue={s.draft!.subject} />
            <label htmlFor={`draft-body-${s.number}`}>Message</label>
            <textarea id={`draft-body-${s.number}`} rows={10} defaultValue={s.draft!.body} />
            <div className="actions">
              <button type="button" className="secondary" data-copy={`draft-body-${s.number}`} hidden>
                Copy message
              </button>
              {s.draft!.viaProfileUrl ? (
                <a className="button secondary" href={s.draft!.viaProfileUrl}>
                  <bdi>{s.draft!.viaName}</bdi>&nbsp;on LinkedIn
                </a>
              ) : null}
              <a className="button secondary" href={LINKEDIN_MESSAGING}>
                Open LinkedIn messaging
              </a>
            </div>
            <p id={`draft-body-${s.number}-copied`} role="status" className="muted" />
            {sentAction ? (
              <form method="post" action={sentAction}>
                <CsrfField value={props.csrf} />
                <input type="hidden" name="item" value={s.number} />
                <button type="submit">I sent it</button>
                <p className="muted">Press it once you have sent the message: in a week your digest asks what came of it.</p>
              </form>
            ) : null}
          </section>
        ))}
      {props.rejected.length ? (
        <div className="notice" role="status">
          <p>Not applied:</p>
          <ul>
            {props.rejected.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        <a href={props.action}>Back to all answers</a>
      </p>
      {props.saved.some((s) => s.draft) ? <script src="/static/copy.js" defer /> : null}
    </Page>
  );
}
