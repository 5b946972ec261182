/** The LinkedIn export parser: pure and streaming, no database. */
export { parseExport, type ParseExportOptions } from './parse-export.ts';
export { inspectExport, type ExportInspection, type InspectExportOptions } from './inspect.ts';
export { normaliseProfileUrl } from './profile-url.ts';
export { evidenceKey } from './evidence.ts';
export * from './types.ts';
