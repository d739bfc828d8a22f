/**
 * Every command of the `vellum` CLI, in the order `--help` lists them, loaded lazily: a command's
 * module (and what it imports: the pipeline, PGlite, BullMQ, fastify...) is imported only when
 * that command runs or its own help is asked for. `vellum --help` lists the others from the
 * `term` and `description` written here; test/cli-command-table.test.ts fails when they drift
 * from what the modules register.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export interface CommandEntry {
  /** The top-level command name. */
  name: string;
  /** How `--help` lists it: the name, `[options]` when it has options, then its arguments. */
  term: string;
  description: string;
  /** Imports the command's module(s); each function registers its part of the command. */
  load: () => Promise<RegisterCommand[]>;
}

export const commandTable: CommandEntry[] = [
  {
    name: 'ingest',
    term: 'ingest [options] <inputs...>',
    description: 'fetch URLs (or read local HTML files) and store their articles, inline, with no queue',
    load: async () => [(await import('./ingest.ts')).registerIngest],
  },
  {
    name: 'extract',
    term: 'extract [options] <input>',
    description: 'extract, clean, normalize and hash one page and print the result (stores nothing)',
    load: async () => [(await import('./extract.ts')).registerExtract],
  },
  {
    name: 'list',
    term: 'list [options]',
    description: 'list stored articles: the latest of every page, newest first',
    load: async () => [(await import('./list.ts')).registerList],
  },
  {
    name: 'search',
    term: 'search [options] <query>',
    description: 'search the archive: full text of the latest article of every page, best match first',
    load: async () => [(await import('./search.ts')).registerSearch],
  },
  {
    name: 'versions',
    term: 'versions [options] <ref>',
    description: 'list every version of a page: when each text was fetched, its content hash and pipeline version',
    load: async () => [(await import('./versions.ts')).registerVersions],
  },
  {
    name: 'diff',
    term: 'diff [options] <ref> [other]',
    description: "show the word-level changes between two versions of an article's text",
    load: async () => [(await import('./diff.ts')).registerDiff],
  },
  {
    name: 'show',
    term: 'show [options] <ref>',
    description: 'show one article: text, metadata, provenance (capture, submission, versions) and events',
    load: async () => [(await import('./show.ts')).registerShow],
  },
  {
    name: 'explain',
    term: 'explain [options] <ref>',
    description: 'show what each cleaning rule removed from a stored article, and the cleaned text',
    load: async () => [(await import('./explain.ts')).registerExplain],
  },
  {
    name: 'similar',
    term: 'similar [options] <ref>',
    description: 'list the exact duplicates and near-duplicates of an article',
    load: async () => [(await import('./similar.ts')).registerSimilar],
  },
  {
    name: 'reprocess',
    term: 'reprocess [options]',
    description: 're-derive articles from stored captures with the current pipeline, beside the old results',
    load: async () => [(await import('./reprocess.ts')).registerReprocess],
  },
  {
    name: 'verify',
    term: 'verify [options]',
    description: 're-run stored captures through the pipeline and check the stored hashes and texts',
    load: async () => [(await import('./verify.ts')).registerVerify],
  },
  {
    name: 'manifest',
    term: 'manifest [options]',
    description: 'write the corpus manifest (JSONL) and print its Merkle root',
    load: async () => [(await import('./manifest.ts')).registerManifest],
  },
  {
    name: 'export',
    term: 'export',
    description: 'export the archive for downstream tools (see its subcommands)',
    load: async () => [(await import('./export-jsonl.ts')).registerExportJsonl, (await import('./export-warc.ts')).registerExportWarc],
  },
  {
    name: 'submit',
    term: 'submit [options] [urls...]',
    description: 'submit URLs to the queue for the workers to fetch and process (needs REDIS_URL and DATABASE_URL)',
    load: async () => [(await import('./submit.ts')).registerSubmit],
  },
  {
    name: 'status',
    term: 'status [options] [target]',
    description: 'show a submission (by id or URL), or watch the queue drain with --watch',
    load: async () => [(await import('./status.ts')).registerStatus],
  },
  {
    name: 'worker',
    term: 'worker [options]',
    description: 'run queue workers until SIGTERM/SIGINT (needs REDIS_URL and DATABASE_URL)',
    load: async () => [(await import('./worker.ts')).registerWorker],
  },
  {
    name: 'recover',
    term: 'recover [options]',
    description: 're-enqueue the jobs of submissions left without one (Redis lost them); needs REDIS_URL and DATABASE_URL',
    load: async () => [(await import('./recover.ts')).registerRecover],
  },
  {
    name: 'serve',
    term: 'serve [options]',
    description: 'run the HTTP API and the web UI at /ui (needs REDIS_URL, DATABASE_URL, and a token: `vellum token create` or VELLUM_API_TOKEN)',
    load: async () => [(await import('./serve.ts')).registerServe],
  },
  {
    name: 'token',
    term: 'token',
    description: 'named tokens of the HTTP API: each submission records the name of the token that sent it (needs DATABASE_URL)',
    load: async () => [(await import('./token.ts')).registerToken],
  },
  {
    name: 'schedule',
    term: 'schedule',
    description: 'scheduled crawls of feeds, sitemaps and sites (needs DATABASE_URL; REDIS_URL to take effect at once)',
    load: async () => [(await import('./schedule.ts')).registerScheduleCommand],
  },
  {
    name: 'scheduler',
    term: 'scheduler [options]',
    description: 'run the scheduler service until SIGTERM/SIGINT (needs REDIS_URL and DATABASE_URL)',
    load: async () => [(await import('./schedule.ts')).registerSchedulerService],
  },
  {
    name: 'config',
    term: 'config [options]',
    description: 'print the effective configuration and where each value came from (secrets masked)',
    load: async () => [(await import('./config.ts')).registerConfig],
  },
];

/** The command an argument list runs (`vellum help X` and `vellum X --help` both mean X). */
export function commandNameOf(args: readonly string[]): string | undefined {
  const first = args.find((a) => !a.startsWith('-'));
  if (first === 'help') return args.slice(args.indexOf('help') + 1).find((a) => !a.startsWith('-'));
  return first;
}

/**
 * Registers the commands on `program`: the one `args` names (or every one, with `all`) from its
 * module, the others as entries that only list themselves in `--help`.
 */
export async function registerCommands(program: Command, ctx: CliContext, args: readonly string[], all = false): Promise<void> {
  const wanted = commandNameOf(args);
  const terms = new Map<string, string>();
  for (const entry of commandTable) {
    if (all || entry.name === wanted) {
      for (const register of await entry.load()) register(program, ctx);
    } else {
      program.command(entry.name).description(entry.description);
      terms.set(entry.name, entry.term);
    }
  }
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? help.subcommandTerm(cmd) });
}
