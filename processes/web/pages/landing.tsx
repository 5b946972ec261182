import type { SignUpErrors } from '../../../services/account/sign-up-form.ts';
import { CsrfField } from './components.tsx';
import { FieldError, describedBy, FormError } from './fields.tsx';
import { Page } from './page.tsx';

export function LandingPage(props: { csrf: string; values?: { email: string; name: string }; errors?: SignUpErrors; formError?: string }) {
  const errors = props.errors ?? {};
  const values = props.values ?? { email: '', name: '' };
  return (
    <Page title="A LinkedIn network of people you really know">
      <h1>Make your LinkedIn network one of people you really know</h1>
      <p className="lead">
        A short email once a week, at the hour you choose, that helps you tidy and use your network: who you actually know, who could
        introduce you where you want to go, and what your strategy is missing.
      </p>

      <section aria-labelledby="how">
        <h2 id="how">How it works</h2>
        <ol className="steps">
          <li>Sign up and confirm your address. Then answer four short questions: why you are on LinkedIn, what you hope to gain, whether your profile does you justice, and whether numbers matter to you.</li>
          <li>Upload the data export LinkedIn gives every member (Settings → Data privacy → Get a copy of your data).</li>
          <li>
            Each week, answer a few questions about people you may not know, and see which people you know well could introduce you
            onward. One click, or a one-word reply.
          </li>
        </ol>
      </section>

      <section aria-labelledby="signup">
        <h2 id="signup">Sign up</h2>
        <FormError message={props.formError} />
        <form method="post" action="/signup" noValidate className="stack">
          <CsrfField value={props.csrf} />
          <div>
            <label htmlFor="email">Email address</label>
            <input type="email" id="email" name="email" autoComplete="email" required defaultValue={values.email} {...describedBy('email', errors.email)} />
            <FieldError field="email" message={errors.email} />
          </div>
          <div>
            <label htmlFor="name">
              First name <span className="muted">(optional, for the greeting)</span>
            </label>
            <input type="text" id="name" name="name" autoComplete="given-name" maxLength={100} defaultValue={values.name} {...describedBy('name', errors.name)} />
            <FieldError field="name" message={errors.name} />
          </div>
          <input type="hidden" id="time_zone" name="time_zone" value="UTC" />
          <p className="detail" id="time-zone-note">
            Digests come on Monday mornings in your time zone (<span id="time-zone-name">UTC</span>); you can change the day, hour and zone
            after confirming.
          </p>
          <button type="submit">Sign up</button>
        </form>
        <p className="detail">
          We send one email to check the address is yours, and nothing more until you confirm. You can download or erase everything we hold
          about you at any time.
        </p>
      </section>
      <script src="/static/signup.js" defer />
    </Page>
  );
}

export function CheckInboxPage({ email }: { email: string }) {
  return (
    <Page title="Check your inbox">
      <h1>Check your inbox</h1>
      <p>
        We have sent a link to <strong>{email}</strong>. Open it and press the button to confirm your subscription; it works for 7 days.
      </p>
      <p className="detail">
        Nothing arrived after a few minutes? Look in the spam folder, or check the address and sign up again. If this address is already
        subscribed, nothing changes and your digests keep coming.
      </p>
    </Page>
  );
}
