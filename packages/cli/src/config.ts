/**
 * The CLI's configuration, read once at start from the defaults, a config file and the
 * environment (later sources win: env > file > defaults; a command's flags win over all),
 * validated by one schema and passed down as typed options. Nothing else in Vellum reads
 * process.env or the config file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CONFIG_KEYS, SETTINGS, configSchema, type ConfigKey, type ConfigValues } from './config-schema.ts';
import { PermanentError } from '@vellum/core/errors';

export type ConfigSource = 'default' | 'file' | 'env';

export interface VellumConfig extends ConfigValues {
  /** VELLUM_HOME as an absolute path. */
  home: string;
  /** Where each value came from. */
  sources: Record<ConfigKey, ConfigSource>;
  /** The config file read, if any. */
  configFile: string | undefined;
}

/** The settings (environment, config file) are invalid; the message says which and how to fix it. */
export class ConfigError extends PermanentError<'invalid-config'> {
  constructor(message: string) {
    super('invalid-config', message);
  }
}

/** Looked for in the working directory when VELLUM_CONFIG does not name a file. */
export const CONFIG_FILE_NAMES = ['vellum.config.json', 'vellum.config.yaml', 'vellum.config.yml'];

export interface LoadConfigOptions {
  /** Directory searched for the config file. Default: the working directory. */
  cwd?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): VellumConfig {
  const cwd = options.cwd ?? process.cwd();
  const configFile = findConfigFile(nonEmpty(env.VELLUM_CONFIG), cwd);
  const fromFile = configFile ? readConfigFile(configFile) : {};

  const raw: Record<string, unknown> = {};
  const sources = {} as Record<ConfigKey, ConfigSource>;
  for (const key of CONFIG_KEYS) {
    // An empty variable (REDIS_URL=) means unset, as in most shells' `${VAR:-default}`.
    const fromEnv = nonEmpty(env[SETTINGS[key].env]);
    if (fromEnv !== undefined) {
      raw[key] = fromEnv;
      sources[key] = 'env';
    } else if (fromFile[key] !== undefined && fromFile[key] !== null) {
      raw[key] = fromFile[key];
      sources[key] = 'file';
    } else {
      sources[key] = 'default';
    }
  }
  // Keys in the file that are not settings are typos to report, not to ignore.
  for (const key of Object.keys(fromFile)) if (!(key in SETTINGS)) raw[key] = fromFile[key];

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `  ${configFile}: unknown setting(s) ${issue.keys.join(', ')}; \`vellum config\` lists the known ones`
        : `  ${describeKey(String(issue.path[0] ?? ''), sources, configFile)}: ${issue.message}`,
    );
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}\nFix these settings (see README.md, "Configuration"; \`vellum config\` shows them all).`);
  }
  const values = parsed.data;
  const home = path.resolve(configFile && sources.home === 'file' ? path.dirname(configFile) : cwd, values.home);
  return { ...values, home, sources, configFile };
}

/** The YAML parser, loaded only when a YAML file is read (every command reads the config). */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function findConfigFile(named: string | undefined, cwd: string): string | undefined {
  if (named !== undefined) {
    const file = path.resolve(cwd, named);
    if (!fs.existsSync(file)) throw new ConfigError(`VELLUM_CONFIG names ${file}, which does not exist; fix the path or unset VELLUM_CONFIG`);
    return file;
  }
  const found = CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).filter((file) => fs.existsSync(file));
  if (found.length > 1) throw new ConfigError(`found ${found.join(' and ')}: keep one config file`);
  return found[0];
}

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError(`config file ${file} must hold an object of settings, e.g. {"maxBodyBytes": 20000000}`);
  return data as Record<string, unknown>;
}

/** Names a setting the way the operator set it: the variable, or the key in the file. */
function describeKey(key: string, sources: Record<ConfigKey, ConfigSource>, configFile: string | undefined): string {
  if (!(key in SETTINGS)) return `${key} in ${configFile ?? 'the config file'}`;
  const setting = SETTINGS[key as ConfigKey];
  return sources[key as ConfigKey] === 'file' ? `${key} in ${configFile}` : setting.env;
}
