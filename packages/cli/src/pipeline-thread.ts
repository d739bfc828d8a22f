/**
 * Which module the pipeline threads run. The compiled `vellum` (scripts/build.mjs) bundles the
 * thread as dist/pipeline-thread.js beside its other files; run from the sources, the threads
 * keep the runner's default, which registers tsx and loads the TypeScript (~30 MB and ~1.5 s of
 * CPU more per thread: issue 20's memory budget of `vellum ingest`).
 */

/**
 * The bundle's own module URL, defined by the build as `import.meta.url`; undefined when running
 * the sources. Not `import.meta.url` itself: the build rewrites that, in every .ts file, to the
 * file's source path (its keep-module-urls plugin), and the bundle is what is wanted here.
 */
declare const VELLUM_BUNDLE_URL: string | undefined;

/** dist/pipeline-thread.js in the compiled CLI; undefined (the runner's default) from the sources. */
export function pipelineThreadEntry(): URL | undefined {
  if (typeof VELLUM_BUNDLE_URL === 'undefined') return undefined;
  return new URL('./pipeline-thread.js', VELLUM_BUNDLE_URL);
}
