/**
 * `vellum token create|list|revoke`: the named tokens of the HTTP API (api_tokens, migration
 * 010). A submission made through the API records its token's name as `submitted_by`, so give
 * each person or system its own token. The secret is printed once, at creation; only its
 * SHA-256 is stored.
 */
import type { Command } from 'commander';
import { ApiTokenError, createApiToken, listApiTokens, revokeApiToken, type ApiToken, type Database } from '@vellum/db';
import type { CliContext } from '../context.ts';
import { printJson, printNotice, printTable, printText } from '../output.ts';

async function tokenDb(ctx: CliContext): Promise<Database> {
  if (!ctx.config.databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set: API tokens live in the Postgres database `vellum serve` reads. ' +
        'Set it, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/vellum',
    );
  }
  return ctx.db();
}

function tokenJson(t: ApiToken): Record<string, unknown> {
  return {
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

/** ApiTokenError is the operator's input: its message, without a stack. */
async function operatorErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ApiTokenError) throw new Error(error.message);
    throw error;
  }
}

export function registerToken(program: Command, ctx: CliContext): void {
  const token = program
    .command('token')
    .description('named tokens of the HTTP API: each submission records the name of the token that sent it (needs DATABASE_URL)');

  token
    .command('create')
    .description('create a token and print its secret (shown once: only its hash is stored)')
    .argument('<name>', 'lowercase letters, digits, ".", "_" or "-" (up to 63); recorded as submitted_by')
    .option('--json', 'print {name, token, createdAt} as JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      if (name === ctx.config.apiTokenName) {
        throw new Error(`"${name}" is the name of the legacy VELLUM_API_TOKEN (VELLUM_API_TOKEN_NAME): choose another name, so that submitted_by tells them apart`);
      }
      const db = await tokenDb(ctx);
      const created = await operatorErrors(() => createApiToken(db, name));
      if (flags.json) {
        printJson({ name: created.token.name, token: created.secret, createdAt: created.token.createdAt.toISOString() });
        return;
      }
      printText(`${created.secret}\n`);
      printNotice(`vellum token: created "${name}". Store the secret above now: it cannot be shown again. Send it as "Authorization: Bearer <secret>".\n`);
    });

  token
    .command('list')
    .description('list the tokens (names and dates, never secrets), revoked ones included')
    .option('--json', 'print a JSON array')
    .action(async (flags: { json?: boolean }) => {
      const tokens = (await listApiTokens(await tokenDb(ctx))).map(tokenJson);
      if (flags.json) {
        printJson(tokens);
        return;
      }
      if (tokens.length === 0) {
        printNotice('vellum token: no tokens yet; create one with `vellum token create <name>`\n');
        return;
      }
      printTable(
        tokens.map((t) => ({ ...t, revokedAt: t.revokedAt ?? '-', lastUsedAt: t.lastUsedAt ?? 'never' })),
        ['name', 'createdAt', 'revokedAt', 'lastUsedAt'],
      );
    });

  token
    .command('revoke')
    .description('revoke a token: its requests are refused (401) from now on; its name is not reused')
    .argument('<name>', 'the token to revoke')
    .option('--json', 'print the revoked token as JSON')
    .action(async (name: string, flags: { json?: boolean }) => {
      const revoked = await revokeApiToken(await tokenDb(ctx), name);
      if (!revoked) throw new Error(`no live token is named "${name}": see \`vellum token list\``);
      if (flags.json) printJson(tokenJson(revoked));
      else printNotice(`vellum token: revoked "${name}"\n`);
    });
}
