import { answerOutcomes, choicesByKind, type ItemAnswer } from '../../../domain/digest-items/index.ts';
import type { ReviewableItem } from '../../../services/actions/apply-answers.ts';
import { CsrfField } from './components.tsx';
import { FormError } from './fields.tsx';
import { Page } from './page.tsx';

/**
 * Opened from any action link in a digest. Showing it changes nothing (scanners open every link);
 * the answer from the link is only preselected, and the whole digest can be answered at once.
 */
export function ReviewPage(props: { action: string; csrf: string; items: ReviewableItem[]; preselect: Map<number, ItemAnswer>; error?: string }) {
  return (
    <Page title="Your answers">
      <h1>Your answers for this week</h1>
      <p>Check the answers below, change any you like, then save. Nothing is saved until you press the button.</p>
      <FormError message={props.error} />
      <form method="post" action={props.action}>
        <CsrfField value={props.csrf} />
        {props.items.map((item) => {
          const selected = props.preselect.get(item.number) ?? item.answer ?? '';
          return (
            <fieldset key={item.number} id={`item-${item.number}`}>
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
            </fieldset>
          );
        })}
        <button type="submit">Save answers</button>
      </form>
    </Page>
  );
}

export interface SavedAnswer {
  number: number;
  title: string;
  answer: ItemAnswer;
  draft: { subject: string; body: string } | null;
}

export function SavedPage(props: { action: string; undoAction: string; csrf: string; saved: SavedAnswer[]; rejected: string[] }) {
  return (
    <Page title="Saved">
      <h1>Saved</h1>
      {props.saved.length === 0 ? <p>Nothing was changed.</p> : null}
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
            <h2 id={`draft-${s.number}`}>Your introduction request (item {s.number})</h2>
            <p>Edit it as you like and send it yourself: it comes better from you than from us.</p>
            <label htmlFor={`draft-subject-${s.number}`}>Subject</label>
            <input type="text" id={`draft-subject-${s.number}`} defaultValue={s.draft!.subject} />
            <label htmlFor={`draft-body-${s.number}`}>Message</label>
            <textarea id={`draft-body-${s.number}`} rows={10} defaultValue={s.draft!.body} />
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
    </Page>
  );
}
