import { z } from 'zod';
import type { Preferences } from '../../db/queries/strategy.ts';
import type { Purpose, StrategyAnswers, Target } from '../../domain/network/types.ts';
import { findTimeZone } from '../../domain/time-zones.ts';

/**
 * The questionnaire as submitted from the web form (or the CLI's flags): validated into strategy
 * answers and a schedule, or into per-field messages a subscriber understands.
 */

export const purposeLabels: Record<Purpose, string> = {
  job_search: 'Finding a job',
  clients: 'Clients or business development',
  hiring: 'Hiring',
  learning: 'Learning the industry',
  staying_in_touch: 'Staying in touch',
  other: 'Something else',
};

export const targetKinds = ['company', 'role', 'industry', 'keyword'] as const;

export type FieldErrors = Partial<Record<string, string>>;

/**
 * The questionnaire's fields as the form shows them, as text: what is stored, or (when saving
 * failed) exactly what was typed, so that one wrong field never costs the others.
 */
export interface PreferencesFields {
  purposes: string[];
  gain: string;
  targets: Record<(typeof targetKinds)[number], string>;
  profileConfidence: string;
  numbersFocus: string;
  reviewSize: string;
  weekday: string;
  hour: string;
  timeZone: string;
}

const typedText = (value: unknown) => (typeof value === 'string' ? value : '');

/** What was typed into the form, field by field, for showing it again. */
export function typedFields(body: Record<string, unknown>): PreferencesFields {
  return {
    purposes: [body.purposes].flat().filter((v): v is string => typeof v === 'string'),
    gain: typedText(body.gain),
    targets: Object.fromEntries(targetKinds.map((kind) => [kind, typedText(body[`targets_${kind}`])])) as PreferencesFields['targets'],
    profileConfidence: typedText(body.profile_confidence),
    numbersFocus: typedText(body.numbers_focus),
    reviewSize: typedText(body.review_size),
    weekday: typedText(body.weekday),
    hour: typedText(body.hour),
    timeZone: typedText(body.time_zone),
  };
}

/** The stored answers and schedule as the form's fields. */
export function storedFields(stored: { answers: StrategyAnswers | null; reviewSize: number; weekday: number; hour: number; timeZone: string }): PreferencesFields {
  const { answers } = stored;
  return {
    purposes: answers?.purposes ?? [],
    gain: answers?.gain ?? '',
    targets: Object.fromEntries(targetKinds.map((kind) => [kind, (answers?.targets ?? []).filter((t) => t.kind === kind).map((t) => t.value).join(', ')])) as PreferencesFields['targets'],
    profileConfidence: answers?.profileConfidence ?? '',
    numbersFocus: answers?.numbersFocus === true ? 'yes' : answers?.numbersFocus === false ? 'no' : '',
    reviewSize: String(stored.reviewSize),
    weekday: String(stored.weekday),
    hour: String(stored.hour),
    timeZone: findTimeZone(stored.timeZone) ?? stored.timeZone,
  };
}

/** Answers that tell the digest nothing about what matters: saved, but worth a word. */
export function saysNothing(answers: StrategyAnswers): boolean {
  return answers.purposes.length === 0 && !answers.gain && answers.targets.length === 0;
}

const list = (value: unknown): string[] =>
  [value]
    .flat()
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(/[\n,;]/))
    .map((v) => v.trim())
    .filter(Boolean);

const strategySchema = z.object({
  purposes: z.array(z.enum(Object.keys(purposeLabels) as [Purpose, ...Purpose[]], { message: 'Choose from the list.' })),
  gain: z.string().trim().max(1000, 'Please keep this under 1,000 characters.'),
  targets: z.array(z.object({ kind: z.enum(targetKinds), value: z.string().max(100, 'Each target can be at most 100 characters.') })).max(30, 'Up to 30 targets, please: focus helps.'),
  profileConfidence: z.enum(['yes', 'partly', 'no']).nullable(),
  numbersFocus: z.boolean().nullable(),
});

const scheduleSchema = z.object({
  reviewSize: z.coerce.number({ message: 'Enter a number.' }).int('Enter a whole number.').min(1, 'At least 1.').max(20, 'At most 20 a week.'),
  weekday: z.coerce.number().int().min(1, 'Choose a day.').max(7, 'Choose a day.'),
  hour: z.coerce.number().int().min(0, 'Choose an hour.').max(23, 'Choose an hour.'),
  // Stored by its current name, whatever spelling was typed or sent ("Kyiv", "Europe/Kiev").
  timeZone: z.string().transform((typed, context) => {
    const zone = findTimeZone(typed);
    if (!zone) context.addIssue({ code: 'custom', message: 'We do not know that time zone. Type a city, such as Paris or New York, and pick it from the list.' });
    return zone ?? typed;
  }),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A schema's issues as one message per form field, named as the form names them. */
function fieldErrors(issues: z.core.$ZodIssue[], targets: Target[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    const key = field === 'targets' && typeof issue.path[1] === 'number' ? `targets_${targets[issue.path[1]]?.kind ?? 'company'}` : field;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The four strategy questions, as the strategy page and the guided start post them. */
export function parseStrategyForm(body: Record<string, unknown>): Parsed<StrategyAnswers> {
  const targets: Target[] = targetKinds.flatMap((kind) => list(body[`targets_${kind}`]).map((value) => ({ kind, value })));
  const choice = (value: unknown) => (value === 'yes' || value === 'partly' || value === 'no' ? value : null);
  const result = strategySchema.safeParse({
    purposes: list(body.purposes),
    gain: typeof body.gain === 'string' ? body.gain : '',
    targets,
    profileConfidence: choice(body.profile_confidence),
    numbersFocus: body.numbers_focus === 'yes' ? true : body.numbers_focus === 'no' ? false : null,
  });
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues, targets) };
  const v = result.data;
  return { ok: true, value: { purposes: v.purposes, gain: v.gain || null, targets: v.targets, profileConfidence: v.profileConfidence, numbersFocus: v.numbersFocus } };
}

/** When the digest comes and how many people it asks about, as the settings page posts them. */
export function parseScheduleForm(body: Record<string, unknown>): Parsed<Omit<Preferences, 'answers'>> {
  const result = scheduleSchema.safeParse({
    reviewSize: body.review_size ?? 5,
    weekday: body.weekday ?? 1,
    hour: body.hour ?? 8,
    timeZone: typeof body.time_zone === 'string' ? body.time_zone.trim() : '',
  });
  if (!result.success) return { ok: false, errors: fieldErrors(result.error.issues, []) };
  const v = result.data;
  return { ok: true, value: { reviewSize: v.reviewSize, schedule: { weekday: v.weekday, hour: v.hour, timeZone: v.timeZone } } };
}

/** Both at once, as the CLI's `strategy set` gives them. */
export function parsePreferencesForm(body: Record<string, unknown>): Parsed<Preferences> {
  const strategy = parseStrategyForm(body);
  const schedule = parseScheduleForm(body);
  if (!strategy.ok || !schedule.ok) return { ok: false, errors: { ...(strategy.ok ? {} : strategy.errors), ...(schedule.ok ? {} : schedule.errors) } };
  return { ok: true, value: { answers: strategy.value, ...schedule.value } };
}
