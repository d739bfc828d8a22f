export { buildApi, API_VERSION, type BuildApiOptions } from './build-api.ts';
export { createQueueMetrics, type QueueMetrics, type QueueMetricsOptions } from './metrics.ts';
export { BOARD_PATH } from './board.ts';
export { tokenMatches } from './auth.ts';
export { BUILD_API_DEFAULTS, QUEUE_METRICS_DEFAULTS, WEB_DEFAULTS } from './defaults.ts';
export { DEFAULT_TOKEN_NAME, registeredRoutes, type RegisteredRoute } from './build-api.ts';
export { isWebUiPath, PUBLIC_PATHS } from './auth.ts';
export { RATE_LIMIT_DEFAULTS, type RateLimitOptions } from './rate-limit.ts';
