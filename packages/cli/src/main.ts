/**
 * The `vellum` command: the composition root. It reads the environment once, builds the
 * context and hands it to each command.
 */
import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError } from './config.ts';
import { createContext, type CliContext } from './context.ts';
import { registerCommands } from './commands/index.ts';
import { terminalText } from './terminal-text.ts';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let ctx: CliContext;
  try {
    ctx = createContext(loadConfig(env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`vellum: ${terminalText(error.message)}\n`);
      return 2;
    }
    throw error;
  }

  const program = new Command('vellum')
    .description('Vellum: an archival ingestion pipeline for news articles, with full provenance.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  await registerCommands(program, ctx, argv.slice(2));

  try {
    await program.parseAsync(argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const message = error instanceof Error ? error.message : String(error);
    // Messages can quote URLs and page text: no control characters reach the terminal.
    process.stderr.write(`vellum: ${terminalText(message)}\n`);
    ctx.logger.debug({ err: error }, 'command failed');
    return 1;
  } finally {
    await ctx.close();
  }
}
