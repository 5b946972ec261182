export { describeCommand, parseCommands, type Command, type ItemAnswer, type ParsedCommands } from './commands.ts';
export { extractReply, type ExtractedReply } from './reply-text.ts';
