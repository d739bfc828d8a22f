#!/usr/bin/env node
// The `vellum` command. It runs the compiled bundle in ../dist (built by `npm ci` / `npm install`
// through the root `prepare` script, or `npm run build`) when that bundle is at least as new as
// every source file it was built from; otherwise (no build, or a source edited or checked out
// since) it runs the TypeScript sources through tsx, as the tests do, so a stale build never runs
// old code. VELLUM_FROM_SOURCE=1 forces the sources.
//
// Run this file directly (`node_modules/.bin/vellum`, `node packages/cli/bin/vellum.js`) for
// long-running services: it is the node process, so SIGTERM reaches it. `npx vellum` runs it
// under a shell that does not pass signals on.
import { readFileSync, statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);

function builtAndFresh() {
  if (process.env.VELLUM_FROM_SOURCE === '1') return false;
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('build-info.json', dist), 'utf8'));
  } catch {
    return false; // not built
  }
  const builtAt = statSync(new URL('build-info.json', dist)).mtimeMs;
  for (const input of info.inputs) {
    let mtime;
    try {
      mtime = statSync(new URL(input, new URL('../', dist))).mtimeMs;
    } catch {
      mtime = Infinity; // a source removed since the build
    }
    if (mtime > builtAt) {
      process.stderr.write(`vellum: ${input} is newer than the build in packages/cli/dist; running the sources (slower start). \`npm run build\` rebuilds.\n`);
      return false;
    }
  }
  return true;
}

let main;
if (builtAndFresh()) {
  ({ main } = await import(new URL('main.js', dist).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv);
