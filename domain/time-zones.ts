/**
 * Time zones as people name them today. ICU (in Node 20 and 24 alike, and in Chrome) still lists and
 * resolves some zones by the spelling CLDR keeps as their id (Europe/Kiev, Asia/Calcutta,
 * Asia/Saigon); IANA renamed them long ago, and both ICU and Postgres accept the new names. So the
 * list a subscriber picks from, and every zone stored, uses the current name; an old spelling that
 * arrives (from a browser, an older account) is read as the same zone.
 */
const RENAMED: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** ICU's id for a zone name, any spelling or case ICU accepts; null when it names no zone. */
function icuId(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The current name of the zone a subscriber typed or a browser sent: "europe/kiev", "Europe/Kyiv"
 * and "Kyiv" all give "Europe/Kyiv". A city alone counts when exactly one zone has it; spaces stand
 * for underscores ("Ho Chi Minh"). Null when it names no zone.
 */
export function findTimeZone(typed: string): string | null {
  const name = typed.trim().replace(/\s+/g, '_');
  if (!name || name.length > 64) return null;
  const id = icuId(name);
  if (id) return RENAMED[id] ?? id;
  const city = name.toLowerCase();
  const cityOf = (zone: string) => zone.split('/').pop()!.toLowerCase();
  const matches = new Set([...zoneIds(), ...Object.keys(RENAMED)].filter((zone) => cityOf(zone) === city).map((zone) => RENAMED[zone] ?? zone));
  return matches.size === 1 ? [...matches][0]! : null;
}

/** Every zone once, by its current name, UTC first (Node's list leaves UTC itself out). */
function zoneIds(): string[] {
  cachedIds ??= ['UTC', ...new Set(Intl.supportedValuesOf('timeZone').map((id) => RENAMED[id] ?? id))];
  return cachedIds;
}
let cachedIds: string[] | undefined;

export interface TimeZoneChoice {
  id: string;
  /** "Kyiv · UTC+02:00": the city as written, and the offset at the moment the list was made. */
  label: string;
}

/** "UTC+02:00" for a zone at an instant; "UTC" for no offset. */
export function utcOffset(zone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  const offset = (part?.value ?? 'GMT').replace(/^GMT/, '');
  return offset ? `UTC${offset}` : 'UTC';
}

/**
 * The zones to pick from, by city, each with its offset now. Offsets move with daylight saving, so
 * the list is made again at most once an hour rather than for every page.
 */
export function timeZoneChoices(now: Date = new Date()): TimeZoneChoice[] {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (cachedChoices?.hour !== hour) {
    const choices = zoneIds().map((id) => ({ id, label: id === 'UTC' ? 'UTC' : `${placeOf(id)} · ${utcOffset(id, now)}` }));
    cachedChoices = { hour, choices };
  }
  return cachedChoices.choices;
}
let cachedChoices: { hour: number; choices: TimeZoneChoice[] } | undefined;

/** The place a zone is named after, as people write it: "America/Argentina/Buenos_Aires" → "Buenos Aires". */
export function placeOf(id: string): string {
  return id.split('/').pop()!.replace(/_/g, ' ');
}

/**
 * A date as people read it, on the subscriber's own calendar: "Wednesday 30 December 2026", never
 * "2026-12-30". One formatter per zone, made once (each costs tens of microseconds to build).
 */
export function readableDate(date: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: findTimeZone(timeZone) ?? 'UTC' });
    dateFormats.set(timeZone, format);
  }
  return format.format(date).replace(',', '');
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();
