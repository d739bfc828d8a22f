/** Every command of the `vellum` CLI, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerExplain } from './explain.ts';
import { registerExtract } from './extract.ts';
import { registerIngest } from './ingest.ts';
import { registerList } from './list.ts';
import { registerShow } from './show.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const commands: RegisterCommand[] = [
  registerIngest,
  registerExtract,
  registerList,
  registerShow,
  registerExplain,
];
