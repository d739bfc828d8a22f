/**
 * The database package's defaults, in a module with no imports so that the CLI's settings schema
 * can show them without loading a database driver (`@vellum/db/defaults`). `OpenDatabaseOptions`
 * documents each with `@defaultValue`; the code reads them from here, and
 * test/documented-defaults.test.ts holds the documentation and these values equal.
 */
export const DATABASE_DEFAULTS = {
  schema: 'vellum',
  maxConnections: 10,
  connectTimeoutMs: 10_000,
} as const;

/** Manifests of the archive (`ManifestOptions`). */
export const MANIFEST_DEFAULTS = {
  currentOnly: false,
  batchSize: 1000,
} as const;

/** Exports of the archive (`ExportOptions`). */
export const EXPORT_DEFAULTS = {
  currentOnly: false,
  batchSize: 500,
} as const;
