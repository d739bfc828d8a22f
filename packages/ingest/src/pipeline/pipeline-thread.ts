/**
 * The thread side of the pipeline runner (pipeline-runner.ts): runs processPage on each page the
 * main thread sends (or layoutRemovals, for the web UI) and answers with the result or the error, as plain data.
 */
import { parentPort } from 'node:worker_threads';
import { layoutRemovals, processPage, VellumError, type ProcessPageOptions } from '@vellum/core';
import type { PageReply, PageTask, SerializedError } from './messages.ts';

const port = parentPort;
if (!port) throw new Error('pipeline-thread.ts runs only as a worker thread');

port.on('message', (task: PageTask) => {
  let reply: PageReply;
  try {
    const options = task.options as ProcessPageOptions;
    reply = { ok: true, result: task.layout ? layoutRemovals(task.raw, options, task.layout) : processPage(task.raw, options) };
  } catch (error) {
    reply = { ok: false, error: serialize(error) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');

function serialize(error: unknown): SerializedError {
  if (error instanceof VellumError) {
    return { name: error.name, message: error.message, code: error.code, retryable: error.retryable };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
