/**
 * `npm run bench:startup [-- --runs 9] [--bin path/to/bin/vellum.js]`: how fast the installed
 * `vellum` starts, against `node -e 0` on the same machine in the same run (the runs of the four
 * commands are interleaved so load on the machine falls on all of them alike). `vellum list`
 * runs on an embedded database prepared with the five example pages. Prints medians of wall
 * and CPU time (CPU from /proc, Linux) and the targets of issue 14: --help and --version <= 5x,
 * list <= 15x `node -e 0`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runChild } from './lib/run-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(option('--runs', '9'));
const bin = path.resolve(option('--bin', path.join(root, 'packages/cli/bin/vellum.js')));

const home = mkdtempSync(path.join(os.tmpdir(), 'vellum-bench-startup-'));
const env = { ...process.env, VELLUM_HOME: home, LOG_LEVEL: 'warn' };
for (const name of ['VELLUM_FROM_SOURCE', 'DATABASE_URL', 'REDIS_URL']) delete env[name];

try {
  // The bin says on stderr when it runs the sources instead of the build: measure the build.
  const probe = runChild(process.execPath, [bin, '--version'], { env });
  if (probe.stderr.includes('newer than the build')) {
    throw new Error(`the build is stale: run \`npm run build\` first\n${probe.stderr}`);
  }
  const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.html')).map((f) => path.join(root, 'examples', f));
  runChild(process.execPath, [bin, 'ingest', ...examples], { env });
  process.stdout.write(`vellum: ${bin}\nembedded database at ${home} with ${examples.length} articles; ${runs} runs each, interleaved; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n\n`);

  const cases = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'vellum --help', args: [bin, '--help'], target: 5 },
    { name: 'vellum --version', args: [bin, '--version'], target: 5 },
    { name: 'vellum list', args: [bin, 'list'], target: 15 },
  ];
  for (const c of cases) runChild(process.execPath, c.args, { env }); // warm the file cache
  const samples = new Map(cases.map((c) => [c.name, { wall: [], cpu: [] }]));
  for (let r = 0; r < runs; r++) {
    for (const c of cases) {
      const { wallMs, cpuMs } = runChild(process.execPath, c.args, { env });
      samples.get(c.name).wall.push(wallMs);
      samples.get(c.name).cpu.push(cpuMs);
    }
  }

  const base = samples.get('node -e 0');
  const baseWall = median(base.wall);
  const baseCpu = median(base.cpu);
  const rows = [['command', 'wall ms', 'x node', 'CPU ms', 'x node', 'target']];
  for (const c of cases) {
    const s = samples.get(c.name);
    const wall = median(s.wall);
    const cpu = median(s.cpu);
    const verdict = c.target ? `<= ${c.target}x: ${wall / baseWall <= c.target ? 'met' : 'NOT met'}` : '';
    rows.push([c.name, wall.toFixed(0), `${(wall / baseWall).toFixed(1)}x`, cpu.toFixed(0), `${(cpu / baseCpu).toFixed(1)}x`, verdict]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) process.stdout.write(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ') + '\n');
  process.stdout.write('\n(median of the runs; CPU is user + system of the process, in 10 ms ticks)\n');
} finally {
  rmSync(home, { recursive: true, force: true });
}
