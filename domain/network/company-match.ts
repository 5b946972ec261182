/**
 * Whether someone's employer is the company a subscriber targets, judged as a person would: after
 * legal forms, "The", case and accents (normalise.ts), "KPMG India" and "Deloitte USI" are KPMG and
 * Deloitte, "AWS" and "Amazon Web Services (AWS)" are one, "Google DeepMind" is Google; and "ING" is
 * never inside "Boeing". Both arguments are company keys (normaliseCompany).
 */

export type CompanyMatch = 'same' | 'acronym' | 'qualifier' | 'subsidiary';

/*
 * Words that, after a company's own name, say which part of it: a country, a region, a business
 * unit. A target followed only by these is the same company ("kpmg india", "ey gds", "accenture
 * federal services"). Multi-word qualifiers are listed by their words ("north america", "united
 * states"); a word alone never makes a match, it only qualifies the target before it.
 */
const QUALIFIER_WORDS = new Set(
  (
    // countries and their usual short forms
    'us usa uk uae india china japan germany france spain italy portugal ireland netherlands belgium switzerland austria ' +
    'sweden norway denmark finland poland czech romania hungary greece turkey israel egypt nigeria kenya ' +
    'canada mexico brazil argentina chile colombia peru australia singapore malaysia indonesia philippines thailand ' +
    'vietnam korea taiwan pakistan bangladesh luxembourg ' +
    'united states kingdom arab emirates new zealand hong kong saudi arabia south africa sri lanka ' +
    // regions
    'emea apac apj latam americas europe asia pacific africa middle east north america latin nordics nordic dach benelux ' +
    'global international worldwide ' +
    // business units and delivery centres
    'usi gds gbs gcc digital consulting advisory technology technologies tech research services service solutions ' +
    'delivery center centre business shared operations federal public sector financial advisory tax audit assurance ' +
    'cloud group holding holdings'
  ).split(' '),
);

/** Brands a parent company owns under its own name: "Google DeepMind" is Google, with its reason shown. */
const SUBSIDIARIES: Readonly<Record<string, readonly string[]>> = {
  google: ['deepmind', 'cloud', 'x'],
  alphabet: ['google', 'deepmind', 'waymo', 'verily'],
  amazon: ['web services', 'aws', 'prime video', 'music', 'games'],
  microsoft: ['research', 'azure', 'xbox', 'github'],
  meta: ['reality labs', 'ai'],
  ibm: ['research', 'consulting'],
};

/** Initials of a name's words, "amazon web services" → "aws"; "and" and "of" carry none. */
function initials(words: readonly string[]): string {
  return words
    .filter((w) => w !== 'and' && w !== 'of')
    .map((w) => w[0])
    .join('');
}

/**
 * The forms a company goes by: its key, and when its last word spells the initials of the words
 * before it (a parenthesised acronym, "amazon web services aws"), the name without it and the
 * acronym alone. A name of three or more words also goes by its initials ("amazon web services").
 */
export function formsOf(key: string): string[] {
  if (key === '') return [];
  const words = key.split(' ');
  const forms = [key];
  const last = words[words.length - 1]!;
  if (words.length >= 3 && last.length >= 2 && last === initials(words.slice(0, -1))) forms.push(words.slice(0, -1).join(' '), last);
  else if (words.length >= 3 && initials(words).length >= 3) forms.push(initials(words));
  return forms;
}

/** The words of `name` after `prefix` when it begins with it as whole words; null otherwise. */
function after(name: string, prefix: string): string | null {
  if (name === prefix || !name.startsWith(`${prefix} `)) return null;
  return name.slice(prefix.length + 1);
}

/**
 * How an employer matches the target, or null when it does not, given the forms of both names
 * (formsOf, made once: a network's companies are matched against every target).
 */
export function matchForms(targets: readonly string[], companies: readonly string[]): CompanyMatch | null {
  if (targets.length === 0 || companies.length === 0) return null;
  if (targets[0] === companies[0]) return 'same';
  if (targets.some((t) => companies.includes(t))) return 'acronym';
  for (const target of targets) {
    for (const company of companies) {
      const rest = after(company, target);
      if (rest === null) continue;
      if (rest.split(' ').every((w) => QUALIFIER_WORDS.has(w))) return 'qualifier';
      if (SUBSIDIARIES[target]?.includes(rest)) return 'subsidiary';
    }
  }
  return null;
}
