/**
 * The paths of the links Rapport sends by email, and of the pages those links lead on to, by what
 * they do. The web process registers its routes with these patterns and every email builds its
 * URLs from them, so a path is written once: renaming one cannot leave a dead link in an email.
 */
export const publicPaths = {
  /** The review page of a digest: an action link preselects an answer. */
  answers: '/a/:token',
  undoAnswer: '/a/:token/undo',
  /** Takes back the answers one reply gave, from its receipt. */
  undoReply: '/undo/:token',
  /** "I sent it", posted from the draft of an introduction on the saved page. */
  introSent: '/a/:token/sent',
  unsubscribe: '/u/:token',
  /** The unsubscribe page's other answer: a break. */
  unsubscribePause: '/u/:token/pause',
  upload: '/upload/:token',
  uploadStatus: '/upload/:token/status/:exportId',
  /** A spent upload link's button: a fresh one by email. */
  uploadFresh: '/upload/:token/fresh',
  /** A dead upload link's box: a fresh one to an address. */
  uploadLinkRequest: '/upload-link',
  preferences: '/preferences/:token',
  preferencesSignIn: '/preferences/:token/sign-in',
  myData: '/my-data/:token',
  confirm: '/confirm/:token',
  signIn: '/sign-in/:token',
  revert: '/revert/:token',
} as const;

export type PublicPath = keyof typeof publicPaths;

/** The `:name` parameters of a pattern, as a union of their names. */
type ParamsOf<P extends string> = P extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Param}`
    ? Param
    : never;

export type PathParams<N extends PublicPath> = Record<ParamsOf<(typeof publicPaths)[N]>, string>;

/** A path on our own site, e.g. pathTo('upload', { token }) → /upload/TOKEN; query values are encoded. */
export function pathTo<N extends PublicPath>(name: N, params: PathParams<N>, query: Record<string, string | number> = {}): string {
  const values = params as Record<string, string>;
  const path = publicPaths[name].replace(/:([a-zA-Z]+)/g, (_, param: string) => {
    const value = values[param];
    if (!value) throw new Error(`pathTo(${name}): missing ${param}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString();
  return search ? `${path}?${search}` : path;
}

/** The absolute URL an email carries: the configured public base URL and the path. */
export function linkTo<N extends PublicPath>(publicUrl: string, name: N, params: PathParams<N>, query?: Record<string, string | number>): string {
  return `${publicUrl.replace(/\/+$/, '')}${pathTo(name, params, query)}`;
}

/**
 * The parameters of one of our paths, read back from it (the inverse of pathTo), or null when the
 * path is not of that pattern: readPath('answers', '/a/TOKEN') → { token: 'TOKEN' }.
 */
export function readPath<N extends PublicPath>(name: N, path: string): PathParams<N> | null {
  const names: string[] = [];
  const pattern = publicPaths[name].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_, param: string) => {
    names.push(param);
    return '([^/?#]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path.split(/[?#]/)[0] ?? '');
  if (!match) return null;
  try {
    return Object.fromEntries(names.map((param, i) => [param, decodeURIComponent(match[i + 1]!)])) as PathParams<N>;
  } catch {
    return null;
  }
}
