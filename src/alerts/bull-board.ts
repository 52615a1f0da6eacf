import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Router } from 'express';

type BoardServerAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];

/**
 * The BullMQ dashboard (@bull-board) for the given queues, as an Express router to mount at
 * `basePath`. It can retry, promote and delete jobs, so the caller mounts it behind admin auth.
 */
export function createQueueDashboard(queues: readonly Queue[], basePath: string): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    // @bull-board/express 9.10.1 pins its own copy of @bull-board/api 9.10.1 while the app has 9.10.2:
    // identical at runtime, but the two private `formatters` fields make the types nominally distinct.
    serverAdapter: serverAdapter as unknown as BoardServerAdapter,
    options: { uiConfig: { boardTitle: 'congress-engine queues' } },
  });
  return serverAdapter.getRouter() as Router;
}
