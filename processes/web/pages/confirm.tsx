import { CsrfField } from './components.tsx';
import { Page } from './page.tsx';

/**
 * What a confirm link opens. Mail scanners open links (and some run scripts), so the page only
 * shows a button; pressing it is what confirms.
 */
export function ConfirmPage(props: { action: string; csrf: string; newEmail: string | null }) {
  const changing = props.newEmail !== null;
  return (
    <Page title={changing ? 'Confirm your new address' : 'Confirm your subscription'}>
      <h1>{changing ? 'Confirm your new address' : 'Confirm your subscription'}</h1>
      {changing ? (
        <p>
          Send your Rapport digests to <strong>{props.newEmail}</strong> from now on?
        </p>
      ) : (
        <p>One click and you are in. Next come four short questions about what you want from your LinkedIn network.</p>
      )}
      <form method="post" action={props.action}>
        <CsrfField value={props.csrf} />
        <button type="submit">{changing ? 'Use this address' : 'Confirm my subscription'}</button>
      </form>
    </Page>
  );
}
