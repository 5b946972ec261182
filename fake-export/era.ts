export type FakeEra = '2018' | '2021' | '2022' | '2024' | '2026';

export const ERAS: readonly FakeEra[] = ['2018', '2021', '2022', '2024', '2026'];

/**
 * The moment each era's export was taken, in UTC. Fixed rather than seeded so archive names stay
 * predictable; the dates sit where the reference saw real exports (early 2018, mid-2021, Sep 2022,
 * Dec 2024, Oct 2026).
 */
export const EXPORT_AT: Record<FakeEra, number> = {
  '2018': Date.UTC(2018, 1, 19, 15, 30),
  '2021': Date.UTC(2021, 5, 9, 15, 30),
  '2022': Date.UTC(2022, 8, 14, 15, 30),
  '2024': Date.UTC(2024, 11, 16, 15, 30),
  '2026': Date.UTC(2026, 9, 14, 15, 30),
};

/** Connections.csv gained its `Notes:` preamble between mid-2021 and Sep 2022, and URL by Dec 2024. */
export const hasPreamble = (era: FakeEra): boolean => era !== '2018' && era !== '2021';
export const hasProfileUrls = (era: FakeEra): boolean => era === '2024' || era === '2026';
