export { buildApi, API_VERSION, type BuildApiOptions } from './build-api.ts';
export { createQueueMetrics, type QueueMetrics, type QueueMetricsOptions } from './metrics.ts';
export { BOARD_PATH } from './board.ts';
export { tokenMatches } from './auth.ts';
