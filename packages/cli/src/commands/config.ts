/**
 * `vellum config`: the effective configuration, each value with where it came from (default,
 * config file or environment), secrets masked. Flags of a command override these for that run.
 */
import type { Command } from 'commander';
import { CONFIG_KEYS, SETTINGS, maskValue } from '../config-schema.ts';
import { CONFIG_FILE_NAMES, type VellumConfig } from '../config.ts';
import type { CliContext } from '../context.ts';
import { printJson, printTable } from '../output.ts';

export function registerConfig(program: Command, ctx: CliContext): void {
  program
    .command('config')
    .description('print the effective configuration and where each value came from (secrets masked)')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      `\nPriority: a command's flags > environment variables > the config file > defaults. The config file is\n` +
        `VELLUM_CONFIG, or ${CONFIG_FILE_NAMES.join(' / ')} in the working directory; its keys are the\n` +
        'setting names below, validated like the environment.',
    )
    .action((flags: { json?: boolean }) => {
      const rows = effectiveSettings(ctx.config);
      if (flags.json) {
        printJson({ configFile: ctx.config.configFile ?? null, settings: Object.fromEntries(rows.map(({ key, ...rest }) => [key, rest])) });
        return;
      }
      printTable(
        rows.map((r) => ({ ...r, value: r.value === undefined ? '(unset)' : Array.isArray(r.value) ? r.value.join(',') || '(none)' : r.value })),
        ['key', 'env', 'value', 'source'],
        200,
      );
      process.stdout.write(`\nconfig file: ${ctx.config.configFile ?? `none (looked for VELLUM_CONFIG, ${CONFIG_FILE_NAMES.join(', ')})`}\n`);
      process.stdout.write("priority: a command's flags > environment > config file > defaults\n");
    });
}

interface SettingRow {
  key: string;
  env: string;
  value: unknown;
  source: string;
}

export function effectiveSettings(config: VellumConfig): SettingRow[] {
  return CONFIG_KEYS.map((key) => {
    const source = config.sources[key];
    return {
      key,
      env: SETTINGS[key].env,
      value: maskValue(key, config[key]),
      source: source === 'env' ? `env ${SETTINGS[key].env}` : source === 'file' ? `file ${config.configFile}` : 'default',
    };
  });
}
