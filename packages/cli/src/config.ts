/**
 * The CLI's configuration, read from the environment once, validated, and passed down as typed
 * options. Nothing else in Vellum reads process.env.
 */
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  VELLUM_HOME: z.string().min(1).default('./.vellum'),
  DATABASE_URL: z.string().url().optional(),
  /** Postgres schema holding Vellum's tables (tests use their own). */
  VELLUM_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/i, 'must be a plain SQL identifier').default('vellum'),
  REDIS_URL: z.string().url().optional(),
  /** BullMQ key prefix: one per deployment (tests use their own). */
  VELLUM_QUEUE_PREFIX: z.string().min(1).default('vellum'),
  VELLUM_API_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  VELLUM_API_HOST: z.string().default('127.0.0.1'),
  VELLUM_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  VELLUM_USER_AGENT: z.string().min(1).optional(),
  /** Comma-separated hosts/CIDRs the SSRF guard lets through (e.g. 127.0.0.1 for local tests). */
  VELLUM_ALLOW_HOSTS: z.string().optional(),
  /** Path to a JSON file of host-specific cleaning rules. */
  VELLUM_SITE_RULES: z.string().optional(),
  // The process step's time budget per page (ingest and worker); see createPipelineRunner.
  VELLUM_PROCESS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface VellumConfig {
  home: string;
  databaseUrl: string | undefined;
  dbSchema: string;
  redisUrl: string | undefined;
  queuePrefix: string;
  apiToken: string | undefined;
  apiHost: string;
  apiPort: number;
  userAgent: string | undefined;
  allowHosts: string[];
  siteRulesPath: string | undefined;
  processTimeoutMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): VellumConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`invalid environment:\n${problems}\nFix these variables (see README.md, "Configuration").`);
  }
  const e = parsed.data;
  return {
    home: path.resolve(e.VELLUM_HOME),
    databaseUrl: e.DATABASE_URL,
    dbSchema: e.VELLUM_DB_SCHEMA,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.VELLUM_QUEUE_PREFIX,
    apiToken: e.VELLUM_API_TOKEN,
    apiHost: e.VELLUM_API_HOST,
    apiPort: e.VELLUM_API_PORT,
    userAgent: e.VELLUM_USER_AGENT,
    allowHosts: (e.VELLUM_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    siteRulesPath: e.VELLUM_SITE_RULES,
    processTimeoutMs: e.VELLUM_PROCESS_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  };
}
