/**
 * Child-process entry for the determinism test: runs processPage on one file and prints the
 * full result as JSON. Usage: node --import tsx process-example.ts <file> <url>
 */
import { readFileSync } from 'node:fs';
import { processPage } from '../../src/index.ts';

const [file, url] = process.argv.slice(2);
if (!file || !url) {
  process.stderr.write('usage: process-example.ts <file> <url>\n');
  process.exit(2);
}
const result = processPage(readFileSync(file), { url });
process.stdout.write(JSON.stringify(result));
