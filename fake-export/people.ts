import {
  ACCENTED_FIRST,
  ACCENTED_LAST,
  CREDENTIALS,
  EMAIL_DOMAINS,
  EMOJI,
  LATIN_FIRST,
  LATIN_LAST,
  NICKNAMES,
  PRONOUNS,
  SCRIPTS,
  SLUG_EMOJI,
  type Pair,
} from './pools.ts';
import type { Rng } from './random.ts';

/** The name traps of reference section 2.5; each is guaranteed at least once in a large enough export. */
export const NAME_QUIRKS = [
  'trailingSpace',
  'leadingSpace',
  'emojiFirst',
  'emojiLast',
  'credentials',
  'pronouns',
  'dotLast',
  'letterLast',
  'nickname',
  'trailingComma',
  'math',
  'nonLatin',
  'nativeSlug',
  'accentedSlug',
  'emojiSlug',
  'upperSlug',
] as const;
export type NameQuirk = (typeof NAME_QUIRKS)[number];

export interface Identity {
  /** As written in Connections.csv: may carry spaces, emoji, credentials, pronouns. */
  first: string;
  last: string;
  /** Trimmed "first last", the form messages and invitations show. */
  displayName: string;
  /** Plain given name for message text ("Hi Wei"). */
  given: string;
  /** Raw Unicode slug; Connections percent-encodes it, Invitations and Endorsements do not. */
  slug: string;
  /** Normalised 'linkedin.com/in/<slug>', the key the parser builds. */
  key: string;
  email: string;
}

const FOLD: Record<string, string> = { ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', đ: 'd', ı: 'i', œ: 'oe' };

// Names come from small pools, so memoising the Unicode-regex work makes 30,000 identities cheap.
const slugCache = new Map<string, string>();

function slugPart(text: string, fold: boolean): string {
  const cacheKey = `${fold ? 1 : 0}${text}`;
  const cached = slugCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const slug = slugify(text, fold);
  slugCache.set(cacheKey, slug);
  return slug;
}

function slugify(text: string, fold: boolean): string {
  let s = text.toLowerCase();
  if (fold) s = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[øłßæđıœ]/g, (c) => FOLD[c] ?? c);
  return s.replace(/['’]/g, '').replace(/[^\p{L}\p{N}\p{M}]+/gu, '-').replace(/^-+|-+$/g, '');
}

/** "Mathematical bold" letters people use to stand out in feeds: A-Z at U+1D400, a-z at U+1D41A. */
function mathBold(text: string): string {
  return text.replace(/[A-Za-z]/g, (c) => {
    const code = c.charCodeAt(0);
    return String.fromCodePoint(code < 97 ? 0x1d400 + code - 65 : 0x1d41a + code - 97);
  });
}

function capitalise(slug: string): string {
  return slug.replace(/(^|-)(\p{Ll})/gu, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

interface BaseName {
  first: string;
  last: string;
  /** Romanised forms for slugs and email addresses. */
  firstLatin: string;
  lastLatin: string;
  script: boolean;
  accented: boolean;
}

function baseName(rng: Rng, quirk: NameQuirk | null): BaseName {
  const wantScript = quirk === 'nonLatin' || quirk === 'nativeSlug' || (quirk === null && rng.chance(0.1));
  if (wantScript) {
    const script = rng.pick(SCRIPTS);
    const f: Pair = rng.pick(script.first);
    const l: Pair = rng.pick(script.last);
    return { first: f[0], last: l[0], firstLatin: f[1], lastLatin: l[1], script: true, accented: false };
  }
  // Mathematical letters only exist for plain A-Z, so that quirk needs an unaccented name.
  const wantAccent = quirk === 'accentedSlug' || (quirk !== 'math' && rng.chance(0.15));
  if (wantAccent) {
    const accentFirst = rng.chance(0.5);
    const first = accentFirst ? rng.pick(ACCENTED_FIRST) : rng.pick(LATIN_FIRST);
    const last = !accentFirst || rng.chance(0.3) ? rng.pick(ACCENTED_LAST) : rng.pick(LATIN_LAST);
    return { first, last, firstLatin: first, lastLatin: last, script: false, accented: true };
  }
  const first = rng.pick(LATIN_FIRST);
  const last = rng.pick(LATIN_LAST);
  return { first, last, firstLatin: first, lastLatin: last, script: false, accented: false };
}

function randomQuirk(rng: Rng): NameQuirk | null {
  const roll = rng.float();
  if (roll < 0.03) return 'trailingSpace';
  if (roll < 0.035) return 'leadingSpace';
  if (roll < 0.045) return 'emojiFirst';
  if (roll < 0.055) return 'emojiLast';
  if (roll < 0.085) return 'credentials';
  if (roll < 0.105) return 'pronouns';
  if (roll < 0.11) return 'dotLast';
  if (roll < 0.115) return 'letterLast';
  if (roll < 0.118) return 'nickname';
  if (roll < 0.12) return 'trailingComma';
  if (roll < 0.123) return 'math';
  if (roll < 0.133) return 'upperSlug';
  if (roll < 0.136) return 'emojiSlug';
  return null;
}

function makeSlug(rng: Rng, name: BaseName, quirk: NameQuirk | null): string {
  const native = quirk === 'nativeSlug' || (name.script && quirk === null && rng.chance(0.3));
  const keepAccents = quirk === 'accentedSlug' || (name.accented && rng.chance(0.5));
  const first = native ? slugPart(name.first, false) : slugPart(name.firstLatin, !keepAccents);
  const last = native ? slugPart(name.last, false) : slugPart(name.lastLatin, !keepAccents);
  let base = rng.chance(0.1) ? `${first}${last}` : `${first}-${last}`;
  if (quirk === 'emojiSlug') base += `-${rng.pick(SLUG_EMOJI)}`;
  const style = rng.float();
  if (style < 0.4) base += `-${rng.hex(8)}`;
  else if (style < 0.6) base += `-${rng.digits(rng.int(3, 9))}`;
  return quirk === 'upperSlug' ? capitalise(base) : base;
}

function email(rng: Rng, name: BaseName): string {
  const f = slugPart(name.firstLatin, true).replaceAll('-', '');
  const l = slugPart(name.lastLatin, true).replaceAll('-', '');
  const domain = rng.pick(EMAIL_DOMAINS);
  const style = rng.int(0, 3);
  if (style === 0) return `${f}.${l}@${domain}`;
  if (style === 1) return `${f.charAt(0)}${l}@${domain}`;
  if (style === 2) return `${f}${l}${rng.int(10, 99)}@${domain}`;
  return `${f}_${l}@${domain}`;
}

function decorate(rng: Rng, name: BaseName, quirk: NameQuirk | null): { first: string; last: string } {
  const { first, last } = name;
  switch (quirk) {
    case 'trailingSpace':
      return rng.chance(0.5) ? { first: `${first} `, last } : { first, last: `${last} ` };
    case 'leadingSpace':
      return { first: ` ${first}`, last };
    case 'emojiFirst':
      return { first: `${rng.pick(EMOJI)} ${first}`, last };
    case 'emojiLast':
      return { first, last: `${last} ${rng.pick(EMOJI)}` };
    case 'credentials':
      return { first, last: `${last}${rng.pick(CREDENTIALS)}` };
    case 'pronouns':
      return { first, last: `${last}${rng.pick(PRONOUNS)}` };
    case 'dotLast':
      return { first, last: '.' };
    case 'letterLast':
      return { first, last: ([...last][0] ?? last).toUpperCase() };
    case 'nickname':
      return { first: `${first} "${rng.pick(NICKNAMES)}"`, last };
    case 'trailingComma':
      return { first: `Dr. ${first}`, last: `${last},` };
    case 'math':
      return { first: mathBold(first), last };
    default:
      return { first, last };
  }
}

/**
 * `used` holds every key handed out so far (the owner's too): slugs are unique on LinkedIn,
 * and the parser deduplicates on them, so a collision would silently change the counts.
 */
export function makeIdentity(rng: Rng, used: Set<string>, forced: NameQuirk | null, withEmail: boolean): Identity {
  const quirk = forced ?? randomQuirk(rng);
  const name = baseName(rng, quirk);
  let slug = makeSlug(rng, name, quirk);
  let key = `linkedin.com/in/${slug.toLowerCase()}`;
  while (used.has(key)) {
    slug = `${slug}-${rng.hex(4)}`;
    key = `linkedin.com/in/${slug.toLowerCase()}`;
  }
  used.add(key);
  const { first, last } = decorate(rng, name, quirk);
  return {
    first,
    last,
    displayName: `${first.trim()} ${last.trim()}`.trim(),
    given: name.first,
    slug,
    key,
    email: withEmail ? email(rng, name) : '',
  };
}

/** Owner identities come from options, so only the slug is invented. */
export function ownerIdentity(rng: Rng, used: Set<string>, first: string, last: string): Identity {
  const base = [slugPart(first, true), slugPart(last, true)].filter((p) => p !== '').join('-') || 'member';
  const slug = `${base}-${rng.hex(8)}`;
  const key = `linkedin.com/in/${slug.toLowerCase()}`;
  used.add(key);
  const given = first.trim();
  return { first, last, displayName: `${given} ${last.trim()}`.trim(), given, slug, key, email: '' };
}

export function connectionsUrl(slug: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(slug)}`;
}

export function rawUrl(slug: string): string {
  return `https://www.linkedin.com/in/${slug}`;
}

export function schemelessUrl(slug: string): string {
  return `www.linkedin.com/in/${slug}`;
}

export interface Connection extends Identity {
  /** Current employer and title at export time; often empty. */
  company: string;
  position: string;
  connectedAt: number;
}
