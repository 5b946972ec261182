import { emailSchema } from '../../db/queries/subscribers.ts';
import { findTimeZone } from '../../domain/time-zones.ts';
import type { SignUpInput } from './sign-up.ts';

export type SignUpErrors = Partial<Record<'email' | 'name', string>>;

export type SignUpForm =
  | { ok: true; value: SignUpInput }
  | { ok: false; errors: SignUpErrors; values: { email: string; name: string } };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Reads the landing page's form. A missing or unknown time zone is no error: it falls back to UTC, editable later. */
export function parseSignUpForm(body: Record<string, unknown>): SignUpForm {
  const values = { email: text(body.email).trim(), name: text(body.name).replace(/\p{Cc}/gu, '').trim() };
  const errors: SignUpErrors = {};
  const email = emailSchema.safeParse(values.email);
  if (values.email === '') errors.email = 'Enter your email address.';
  else if (!email.success) errors.email = 'That does not look like an email address. It should look like name@example.com.';
  if (values.name.length > 100) errors.name = 'Please keep your name under 100 characters.';
  if (!email.success || errors.name) return { ok: false, errors, values };
  return { ok: true, value: { email: email.data, name: values.name || null, timeZone: findTimeZone(text(body.time_zone)) ?? 'UTC' } };
}

/** The address typed on the settings page as the new one. */
export function parseNewEmail(value: unknown): { ok: true; email: string } | { ok: false; error: string } {
  const typed = text(value).trim();
  if (typed === '') return { ok: false, error: 'Enter the new email address.' };
  const email = emailSchema.safeParse(typed);
  return email.success ? { ok: true, email: email.data } : { ok: false, error: 'That does not look like an email address. It should look like name@example.com.' };
}
