// html-to-text ships no types and @types/html-to-text is not installed: this declares the one call
// the reply reader makes. Names are distinct from the package's own type names so that other
// importers (React Email's toPlainText) keep resolving those as before.
declare module 'html-to-text' {
  interface ReplySelectorDefinition {
    selector: string;
    format: string;
    options?: Record<string, unknown>;
  }

  interface ReplyConverterOptions {
    wordwrap?: number | false;
    limits?: { maxDepth?: number; maxChildNodes?: number; ellipsis?: string };
    selectors?: ReplySelectorDefinition[];
  }

  export function compile(options?: ReplyConverterOptions): (html: string) => string;
}
