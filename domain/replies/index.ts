export { describeCommand, parseCommands, type Command, type ParsedCommands } from './commands.ts';
export { extractReply, type ExtractedReply } from './reply-text.ts';
export { createWordReader, type NamedItem, type WordReader, type WordReading } from './plain-words.ts';
