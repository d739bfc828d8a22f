/** The Bull Board dashboard, mounted under a path; auth.ts guards it like every other route. */
import type { FastifyInstance } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { VellumQueues } from '@vellum/queue';
import { BOARD_PATH } from './board-path.ts';

export { BOARD_PATH };

export async function registerBoard(app: FastifyInstance, queues: VellumQueues): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(queues.fetch), new BullMQAdapter(queues.process), new BullMQAdapter(queues.schedule)],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Vellum queues' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
}
