/** Entry points of the worker layer for the CLI and the server. */
export { startWorkers, type RunningWorkers, type WorkerConfig } from './main.js';
export { createDeadlineProcessor, type DeadlineOutcome } from './deadline.worker.js';
export { createWebhookProcessor } from './webhook.worker.js';
export { createMaintenanceProcessor } from './maintenance.worker.js';
