import { Command, Option } from 'commander';
import { migrateDown, migrateToLatest } from '../../db/migrate.ts';
import { ConfigError, loadConfig } from '../../runtime/config.ts';
import { demoCommand } from './commands/demo.ts';
import { digestPreviewCommand, digestRunCommand } from './commands/digest.ts';
import { fakeExportCommand } from './commands/fake-export.ts';
import { importCommand } from './commands/import.ts';
import { inboundParseCommand } from './commands/inbound.ts';
import { inspectCommand } from './commands/inspect.ts';
import { linksRevokeCommand } from './commands/links.ts';
import { strategySetCommand, type StrategyFlags } from './commands/strategy.ts';
import { CliError, withContext } from './context.ts';

const program = new Command('rapport').description('Rapport: weekly coaching for a LinkedIn network you really know.');

program
  .command('import')
  .description('import a LinkedIn export (zip or CSV) for a subscriber, creating the subscriber if needed')
  .argument('<file>', 'the .zip LinkedIn sent, or a single CSV such as Connections.csv')
  .requiredOption('--subscriber <email>', "the subscriber's email address")
  .option('--name <name>', "the subscriber's name, when creating them")
  .action((file: string, options: { subscriber: string; name?: string }) => withContext((ctx) => importCommand(ctx, file, options)));

program
  .command('export')
  .description('LinkedIn exports')
  .command('inspect')
  .description('parse an export without a database and print a JSON summary (files, eras, rows, rejects, dates)')
  .argument('<file>', 'a .zip or .csv')
  .option('--max-upload-mb <n>', 'size limit to apply, as for uploads')
  .action((file: string, options: { maxUploadMb?: string }) => inspectCommand(file, options));

program
  .command('fake-export')
  .description('write a synthetic, LinkedIn-shaped export (never use a real person\'s data in tests)')
  .option('-o, --out <path>', 'output file (default fake-export.zip, or Connections.csv with --format csv)')
  .option('--connections <n>', 'connections, up to 30000', '300')
  .option('--messages <n>', 'messages (default 1.5 × connections)')
  .addOption(new Option('--era <year>', 'export era').choices(['2018', '2021', '2022', '2024', '2026']).default('2026'))
  .addOption(new Option('--format <format>', 'zip archive or a bare Connections.csv').choices(['zip', 'csv']).default('zip'))
  .option('--seed <n>', 'seed: the same seed gives the same bytes', '1')
  .option('--excel', 'Connections.csv as re-saved by Excel')
  .option('--nested', 'zip entries under one top-level folder')
  .option('--basic', 'a Basic export (Connections, messages, Invitations only)')
  .option('--target <company...>', 'companies that must appear among connections')
  .action((flags) => fakeExportCommand(flags));

const digest = program.command('digest').description('weekly digests');
digest
  .command('run')
  .description('plan, build and send due digests in this process')
  .option('--subscriber <email>', 'only this subscriber')
  .option('--now', "don't wait for the subscriber's weekly slot")
  .action((options: { subscriber?: string; now?: boolean }) => withContext((ctx) => digestRunCommand(ctx, options)));
digest
  .command('preview')
  .description("print this week's analysis for a subscriber without sending anything")
  .requiredOption('--subscriber <email>', "the subscriber's email address")
  .option('--json', 'machine-readable output')
  .action((options: { subscriber: string; json?: boolean }) => withContext((ctx) => digestPreviewCommand(ctx, options)));

program
  .command('strategy')
  .description("a subscriber's strategy answers")
  .command('set')
  .description('set strategy answers and schedule; flags not given keep their value')
  .requiredOption('--subscriber <email>', "the subscriber's email address")
  .option('--purpose <purpose...>', 'job_search, clients, hiring, learning, staying_in_touch, other')
  .option('--gain <text>', 'what they hope to gain, in their words')
  .option('--company <name...>', 'target companies')
  .option('--role <role...>', 'target roles')
  .option('--industry <industry...>', 'target industries')
  .option('--keyword <keyword...>', 'target keywords')
  .addOption(new Option('--profile <answer>', 'is the profile sound and does it communicate value').choices(['yes', 'partly', 'no']))
  .addOption(new Option('--numbers <answer>', 'is growing the count a goal').choices(['yes', 'no']))
  .option('--review-size <n>', 'people to review each week (1-20)')
  .option('--day <n>', 'digest weekday, 1 = Monday … 7 = Sunday')
  .option('--hour <n>', 'digest hour, 0-23, local time')
  .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Paris')
  .action((flags: StrategyFlags) => withContext((ctx) => strategySetCommand(ctx, flags)));

program
  .command('inbound')
  .description('inbound email')
  .command('parse')
  .description('print, changing nothing, what a raw reply (.eml) would apply and what it would report as not understood')
  .argument('[file]', 'a raw RFC 5322 message (its sender is reported as not verified)')
  .option('--id <inboundId>', 'a stored inbound message instead, with the sender check made when it arrived')
  .action((file: string | undefined, options: { id?: string }) => withContext((ctx) => inboundParseCommand(ctx, file, options)));

program
  .command('links')
  .description("a subscriber's email links")
  .command('revoke')
  .description('revoke their live links (all, or of some scopes): they then show the generic invalid page')
  .requiredOption('--subscriber <email>', "the subscriber's email address")
  .option('--scope <scope...>', 'digest, reply, unsubscribe, upload, confirm')
  .action((options: { subscriber: string; scope?: string[] }) => withContext((ctx) => linksRevokeCommand(ctx, options)));

const db = program.command('db').description('database maintenance');
db.command('migrate')
  .description('create the database if needed and apply all migrations')
  .action(async () => console.log((await migrateToLatest(loadConfig().databaseUrl)).join('\n') || 'Up to date.'));
db.command('rollback')
  .description('undo the latest migration')
  .action(async () => console.log((await migrateDown(loadConfig().databaseUrl)).join('\n') || 'Nothing to undo.'));

program
  .command('demo')
  .description('run the whole path on a generated export and show the digest')
  .option('--once', 'exit right after the digest is delivered, printing its path')
  .action((options: { once?: boolean }) => {
    // The demo is development by definition: it shows the digest in the dev mailbox, which is only
    // served when development is said out loud. An explicit NODE_ENV still wins.
    process.env.NODE_ENV ??= 'development';
    return withContext((ctx) => demoCommand(ctx, options));
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CliError || error instanceof ConfigError) {
    console.error(`rapport: ${error.message}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
