// mailauth parses Authentication-Results (RFC 8601: comments, quoted strings, resinfo) and
// DKIM-Signature tag-lists with one internal module that its verifiers use; the package declares
// no types for it. This declares the shape Rapport reads (services/inbound/authentication-results.ts).
declare module 'mailauth/lib/parse-dkim-headers.js' {
  interface ParsedEntry {
    value?: string;
    comment?: string;
    [ptype: string]: unknown;
  }
  interface ParsedField {
    header?: string;
    /** Authentication-Results: the authserv-id (and version); a tag-list has none. */
    value?: string;
    dkim?: ParsedEntry[] | ParsedEntry;
    [method: string]: ParsedEntry | ParsedEntry[] | string | undefined;
  }
  function headerParser(line: string): { parsed: ParsedField; original: string };
  export default headerParser;
}
