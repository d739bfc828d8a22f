/** The Bull Board dashboard, mounted under a path and guarded by the API token. */
import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { VellumQueues } from '@vellum/queue';
import { requireToken } from './auth.ts';

export const BOARD_PATH = '/admin/queues';

export async function registerBoard(app: FastifyInstance, queues: VellumQueues, token: string): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queues.fetch), new BullMQAdapter(queues.process), new BullMQAdapter(queues.schedule)],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Vellum queues' } },
  });
  // An encapsulated scope: the hook guards the dashboard's routes and nothing else.
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireToken(token, { allowBasic: true }));
    await scope.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
