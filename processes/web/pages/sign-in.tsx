import { CsrfField } from './components.tsx';
import { FieldError, describedBy, FormError } from './fields.tsx';
import { Page } from './page.tsx';

/** Asks for an address and always answers the same way (SignInSentPage), so it tells nobody who subscribes. */
export function SignInPage(props: { csrf: string; email?: string; error?: string; formError?: string }) {
  return (
    <Page title="Sign in">
      <h1>Sign in</h1>
      <p>Your settings, your address and your data need a signed-in browser. We email a sign-in link to your address: no password.</p>
      <FormError message={props.formError} />
      <form method="post" action="/sign-in" noValidate className="stack">
        <CsrfField value={props.csrf} />
        <div>
          <label htmlFor="email">Your email address</label>
          <input type="email" id="email" name="email" autoComplete="email" required defaultValue={props.email ?? ''} {...describedBy('email', props.error)} />
          <FieldError field="email" message={props.error} />
        </div>
        <button type="submit">Email me a sign-in link</button>
      </form>
      <p className="detail">Answering the people in a digest needs no sign-in: the digest's own buttons do that.</p>
    </Page>
  );
}

export function SignInSentPage({ email }: { email?: string }) {
  return (
    <Page title="Check your inbox">
      <h1>Check your inbox</h1>
      {email ? (
        <p>
          If <strong>{email}</strong> has a Rapport subscription, a sign-in link is on its way to it.
        </p>
      ) : (
        <p>A sign-in link is on its way to the address this digest was sent to.</p>
      )}
      <p>The link works once, for 15 minutes. Open it in this browser and press its button to sign in.</p>
      <p className="detail">Nothing after a few minutes? Look in the spam folder. Asking again within 5 minutes sends no second email.</p>
    </Page>
  );
}

/** What a sign-in link opens. Mail scanners open links and some press nothing: only the button signs in. */
export function SignInLinkPage(props: { action: string; csrf: string }) {
  return (
    <Page title="Sign in to Rapport">
      <h1>Sign in to Rapport</h1>
      <p>Press the button to sign in this browser. The link then stops working.</p>
      <form method="post" action={props.action}>
        <CsrfField value={props.csrf} />
        <button type="submit">Sign in</button>
      </form>
    </Page>
  );
}

/**
 * Where a digest's settings and data links lead a browser that is not signed in: a digest can be
 * forwarded, so it answers its own items but opens the account only through the owner's inbox.
 */
export function SignInNeededPage(props: { action: string; csrf: string }) {
  return (
    <Page title="Sign in to continue">
      <h1>Sign in to continue</h1>
      <p>
        Your settings, your address and your data open only in a signed-in browser, so that a forwarded digest cannot change them. We
        email a sign-in link to the address this digest was sent to.
      </p>
      <form method="post" action={props.action}>
        <CsrfField value={props.csrf} />
        <button type="submit">Email me a sign-in link</button>
      </form>
      <p className="detail">
        Your digest's buttons for the people in it keep working without signing in. Another address? <a href="/sign-in">Sign in with it</a>.
      </p>
    </Page>
  );
}

/** What the old address's "put my address back" link opens; only the button acts. */
export function RevertPage(props: { action: string; csrf: string; hint: string }) {
  return (
    <Page title="Put your address back">
      <h1>Put your address back</h1>
      <p>
        Your Rapport digests were moved to {props.hint}. If you did not ask for that, press the button: digests come back to this
        address, and every link and signed-in browser of your account stops working.
      </p>
      <form method="post" action={props.action}>
        <CsrfField value={props.csrf} />
        <button type="submit" className="danger">
          Put my address back
        </button>
      </form>
    </Page>
  );
}
