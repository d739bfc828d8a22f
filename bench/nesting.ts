/**
 * `npm run bench:nesting`: processPage on deeply nested pages (issue 19: 100,000 nested elements
 * must be processed or refused in well under a second of CPU). For each shape and depth, in this
 * one process after a warm-up page: the outcome (a result, or the typed error's code), CPU time
 * (process.cpuUsage, user + system) and wall time. CPU time is what to compare: the machine is
 * shared, so wall time moves with the load.
 *
 * Options: --depths 1000,5000,10000,50000,100000  --shapes div,span,b,table
 */
import { parseArgs } from 'node:util';
import { processPage, VellumError } from '@vellum/core';

const SHAPES: Record<string, [open: string, close: string]> = {
  div: ['<div>', '</div>'],
  span: ['<span>', '</span>'],
  b: ['<b>', '</b>'],
  table: ['<table><tr><td>', '</td></tr></table>'],
  'unclosed-div': ['<div>', ''],
};
const ARTICLE = `<p>${'The council met on Tuesday to debate the budget for the coming year, and the vote was close. '.repeat(8)}</p>`;

const { values } = parseArgs({
  options: { depths: { type: 'string', default: '1000,5000,10000,50000,100000' }, shapes: { type: 'string', default: 'div,span,b,table' } },
});
const depths = values.depths.split(',').map(Number);
const shapes = values.shapes.split(',');

const page = (depth: number, [open, close]: [string, string]): string =>
  `<!doctype html><html><head><title>Nested</title></head><body>${open.repeat(depth)}${ARTICLE}${close.repeat(depth)}</body></html>`;

function run(html: string): string {
  try {
    processPage(html, { url: 'https://bench.example/nested' });
    return 'result';
  } catch (error) {
    return error instanceof VellumError ? error.code : `THREW ${(error as Error).name}: ${(error as Error).message.slice(0, 60)}`;
  }
}

run(page(10, SHAPES.div!)); // warm-up: module compile and JIT are not the page's cost
console.log('shape          depth     bytes  outcome          CPU ms   wall ms');
for (const shape of shapes) {
  const tags = SHAPES[shape];
  if (!tags) throw new Error(`unknown shape ${shape}; known: ${Object.keys(SHAPES).join(', ')}`);
  for (const depth of depths) {
    const html = page(depth, tags);
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const outcome = run(html);
    const wall = performance.now() - wall0;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${shape.padEnd(12)} ${String(depth).padStart(7)} ${String(html.length).padStart(9)}  ${outcome.padEnd(15)} ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(7)} ${wall.toFixed(0).padStart(9)}`,
    );
  }
}
