import type { ReactNode } from 'react';
import { Page } from './page.tsx';

/** The one page every bad, expired, revoked or unknown link gets: it gives nothing away. */
export function InvalidLinkPage() {
  return (
    <Page title="This link no longer works">
      <h1>This link no longer works</h1>
      <p>It may have expired (digest links last 30 days, upload links 7 days), been used already, or been copied incompletely.</p>
      <p>
        Your latest digest has fresh links. You can also reply to any Rapport email with the word <strong>upload</strong> for a new
        upload link, or <strong>help</strong> for a list of what you can do by email.
      </p>
    </Page>
  );
}

export function MessagePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <h1>{title}</h1>
      {children}
    </Page>
  );
}

export function CsrfField({ value }: { value: string }) {
  return <input type="hidden" name="csrf" value={value} />;
}
