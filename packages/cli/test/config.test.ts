/**
 * The configuration: defaults < config file (JSON or YAML) < environment, one schema for both,
 * errors naming the setting as the operator wrote it, and `vellum config` showing every value
 * with its source, secrets masked.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIN_TEXT_CHARS } from '@vellum/core';
import { resolveOptions } from '@vellum/fetcher';
import { FETCHER_DEFAULTS } from '@vellum/fetcher/defaults';
import { ConfigError, loadConfig } from '../src/config.ts';
import { fetcherOptionsFrom } from '../src/fetcher.ts';
import { runMain } from './helpers/run-main.ts';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-config-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('takes env over the file over the defaults, for every fetch limit', async () => {
    const file = await write('priority.json', JSON.stringify({ maxBodyBytes: 20_000_000, perHostDelayMs: 500, maxRedirects: 3 }));
    const config = loadConfig({ VELLUM_CONFIG: file, VELLUM_PER_HOST_DELAY_MS: '250' });
    expect(config.maxBodyBytes).toBe(20_000_000);
    expect(config.sources.maxBodyBytes).toBe('file');
    expect(config.perHostDelayMs).toBe(250);
    expect(config.sources.perHostDelayMs).toBe('env');
    expect(config.totalTimeoutMs).toBe(60_000);
    expect(config.sources.totalTimeoutMs).toBe('default');
    expect(config.minTextChars).toBe(DEFAULT_MIN_TEXT_CHARS);
    // What the fetcher is built with.
    expect(fetcherOptionsFrom(config)).toMatchObject({ maxBodyBytes: 20_000_000, perHostDelayMs: 250, maxRedirects: 3, totalTimeoutMs: 60_000 });
  });

  it('defaults to what the fetcher and the pipeline default to', () => {
    const config = loadConfig({}, { cwd: dir });
    expect(config.minTextChars).toBe(DEFAULT_MIN_TEXT_CHARS);
    const fromConfig = resolveOptions(fetcherOptionsFrom(config));
    const fetcher = resolveOptions({});
    const keys = Object.keys(FETCHER_DEFAULTS).filter((k) => k !== 'contactUrl') as Array<keyof typeof fetcher>;
    expect(keys.length).toBeGreaterThan(15);
    for (const key of keys) expect([key, fromConfig[key]]).toEqual([key, fetcher[key]]);
  });

  it('finds vellum.config.yaml in the working directory', async () => {
    const cwd = await fs.mkdtemp(path.join(dir, 'yaml-'));
    await fs.writeFile(path.join(cwd, 'vellum.config.yaml'), 'headersTimeoutMs: 5000\nallowHosts:\n  - 127.0.0.1\n  - mirror.internal\nhome: data\n');
    const config = loadConfig({}, { cwd });
    expect(config.configFile).toBe(path.join(cwd, 'vellum.config.yaml'));
    expect(config.headersTimeoutMs).toBe(5000);
    expect(config.allowHosts).toEqual(['127.0.0.1', 'mirror.internal']);
    // A relative home in the file is relative to the file.
    expect(config.home).toBe(path.join(cwd, 'data'));
  });

  it('validates file values with the same schema as the environment, naming where each came from', async () => {
    const file = await write('bad.json', JSON.stringify({ maxBodyBytes: -1, perHostDelayMs: 'soon', maxBodyByte: 5 }));
    const message = configError(() => loadConfig({ VELLUM_CONFIG: file, VELLUM_MAX_REDIRECTS: 'many' }));
    expect(message).toContain(`maxBodyBytes in ${file}`);
    expect(message).toContain(`perHostDelayMs in ${file}`);
    expect(message).toContain('unknown setting(s) maxBodyByte');
    expect(message).toContain('VELLUM_MAX_REDIRECTS');
  });

  it('rejects a DATABASE_URL that is not postgres:// and a REDIS_URL that is not redis://', () => {
    expect(configError(() => loadConfig({ DATABASE_URL: 'mysql://x' }))).toMatch(/DATABASE_URL: must start with postgres:\/\/ or postgresql:\/\//);
    expect(configError(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' }))).toMatch(/REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
  });

  it('takes an empty variable as unset', () => {
    const config = loadConfig({ REDIS_URL: '', DATABASE_URL: '  ', VELLUM_MAX_BODY_BYTES: '' }, { cwd: dir });
    expect(config.redisUrl).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sources.maxBodyBytes).toBe('default');
  });

  it('refuses a VELLUM_CONFIG that names no file', () => {
    expect(configError(() => loadConfig({ VELLUM_CONFIG: path.join(dir, 'nope.json') }))).toMatch(/VELLUM_CONFIG names .*nope\.json, which does not exist/);
  });
});

describe('vellum config', () => {
  it('prints every setting with its value and source, secrets masked', async () => {
    const file = await write('shown.json', JSON.stringify({ databaseUrl: 'postgres://archivist:hunter2@db.internal:5432/vellum', maxBodyBytes: 123456 }));
    const env = { VELLUM_CONFIG: file, VELLUM_API_TOKEN: 'abcdefghijklmnopqrstuvwxyz', REDIS_URL: 'redis://:s3cret@127.0.0.1:6379/2', VELLUM_MIN_TEXT_CHARS: '80' };
    const json = await runMain(['config', '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.configFile).toBe(file);
    expect(out.settings.maxBodyBytes).toEqual({ env: 'VELLUM_MAX_BODY_BYTES', value: 123456, source: `file ${file}` });
    expect(out.settings.minTextChars).toEqual({ env: 'VELLUM_MIN_TEXT_CHARS', value: 80, source: 'env VELLUM_MIN_TEXT_CHARS' });
    expect(out.settings.perHostDelayMs).toMatchObject({ value: 1000, source: 'default' });
    expect(out.settings.apiToken.value).toBe('***');
    expect(out.settings.databaseUrl.value).toBe('postgres://archivist:***@db.internal:5432/vellum');
    expect(out.settings.redisUrl.value).toBe('redis://:***@127.0.0.1:6379/2');
    expect(json.stdout).not.toMatch(/hunter2|s3cret|abcdefghijklmnop/);

    const table = await runMain(['config'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^maxBodyBytes +VELLUM_MAX_BODY_BYTES +123456 +file /m);
    expect(table.stdout).toMatch(/^apiToken +VELLUM_API_TOKEN +\*\*\* +env VELLUM_API_TOKEN$/m);
    expect(table.stdout).toContain(`config file: ${file}`);
    expect(table.stdout).not.toMatch(/hunter2|s3cret|abcdefghijklmnop/);
  });

  it('exits 2 naming the variable when the configuration is invalid', async () => {
    const run = await runMain(['config'], { DATABASE_URL: 'mysql://x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/DATABASE_URL: must start with postgres:\/\//);
  });
});
