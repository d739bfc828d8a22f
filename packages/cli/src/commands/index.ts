/** Every command of the `vellum` CLI, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerExplain } from './explain.ts';
import { registerExtract } from './extract.ts';
import { registerIngest } from './ingest.ts';
import { registerList } from './list.ts';
import { registerShow } from './show.ts';
import { registerSimilar } from './similar.ts';
import { registerReprocess } from './reprocess.ts';
import { registerVerify } from './verify.ts';
import { registerManifest } from './manifest.ts';
import { registerExportJsonl } from './export-jsonl.ts';
import { registerExportWarc } from './export-warc.ts';
import { registerSubmit } from './submit.ts';
import { registerStatus } from './status.ts';
import { registerWorker } from './worker.ts';
import { registerServe } from './serve.ts';
import { registerScheduleCommand, registerSchedulerService } from './schedule.ts';
import { registerConfig } from './config.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const commands: RegisterCommand[] = [
  registerIngest,
  registerExtract,
  registerList,
  registerShow,
  registerExplain,
  registerSimilar,
  registerReprocess,
  registerVerify,
  registerManifest,
  registerExportJsonl,
  registerExportWarc,
  registerSubmit,
  registerStatus,
  registerWorker,
  registerServe,
  registerScheduleCommand,
  registerSchedulerService,
  registerConfig,
];
