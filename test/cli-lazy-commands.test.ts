/**
 * The command table that lets `vellum --help` list every command without importing any command
 * module must say what the modules register: same commands, order, arguments and descriptions.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandNameOf, commandTable, registerCommands } from '../packages/cli/src/commands/index.ts';
import { loadConfig } from '../packages/cli/src/config.ts';
import { createContext } from '../packages/cli/src/context.ts';

function program(): Command {
  return new Command('vellum').description('test').exitOverride();
}

describe('the lazy command table', () => {
  const ctx = createContext(loadConfig({ LOG_LEVEL: 'silent' }));

  it('lists in --help what the command modules register', async () => {
    const everything = program();
    await registerCommands(everything, ctx, [], true);
    const help = everything.createHelp();
    const registered = everything.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
    expect(commandTable.map(({ name, term, description }) => ({ name, term, description }))).toEqual(registered);

    // So the top-level help from the table alone is the help of the fully loaded program.
    const lazy = program();
    await registerCommands(lazy, ctx, ['--help']);
    expect(lazy.helpInformation()).toBe(everything.helpInformation());
  });

  it('loads only the command that runs', async () => {
    const p = program();
    await registerCommands(p, ctx, ['list', '--json']);
    const list = p.commands.find((c) => c.name() === 'list')!;
    const show = p.commands.find((c) => c.name() === 'show')!;
    expect(list.options.map((o) => o.long)).toContain('--json');
    expect(show.options).toEqual([]);
  });

  it('finds the command name in an argument list', () => {
    expect(commandNameOf(['--help'])).toBeUndefined();
    expect(commandNameOf(['list', '--limit', '3'])).toBe('list');
    expect(commandNameOf(['help', 'export'])).toBe('export');
    expect(commandNameOf(['-V'])).toBeUndefined();
  });
});
