/**
 * @vellum/worker: the BullMQ workers. They bind the steps of @vellum/ingest to the fetch and
 * process queues (retries, backoff, stalled jobs, the recovery sweep); the steps themselves live
 * in @vellum/ingest.
 */
export { startWorkers, type StartWorkersOptions, type WorkersHandle, type WorkerRole } from './workers.ts';
export { START_WORKERS_DEFAULTS } from './defaults.ts';
