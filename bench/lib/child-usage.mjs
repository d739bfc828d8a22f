/**
 * Loaded with `node --import` into a measured child process: at exit it writes the process's
 * peak RSS (VmHWM, Linux) and CPU time to the file named by VELLUM_BENCH_USAGE_FILE.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.VELLUM_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const cpu = process.cpuUsage();
    writeFileSync(file, JSON.stringify({
      peakRssMb: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024,
      cpuMs: (cpu.user + cpu.system) / 1000,
    }));
  });
}
