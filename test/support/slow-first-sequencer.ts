/**
 * Files run in the default order (vitest's: longest first by the durations it cached on this
 * checkout, else larger files first), except that the files named here start before all others.
 * With several files at once, the suite ends when its last file does: a 90-second file that
 * starts last (a fresh clone has no cached durations, and the chaos test is a short file) makes
 * the whole run 90 s longer than the work needs. The list is a hint for order only; a file left
 * out or renamed still runs.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export function slowFirstSequencer(root: string, slowFirst: readonly string[]): typeof BaseSequencer {
  return class SlowFirstSequencer extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const sorted = await super.sort(files);
      const rank = (spec: TestSpecification): number => {
        const i = slowFirst.indexOf(path.relative(root, spec.moduleId).split(path.sep).join('/'));
        return i === -1 ? slowFirst.length : i;
      };
      // Array.prototype.sort is stable: the rest keep the default order.
      return sorted.sort((a, b) => rank(a) - rank(b));
    }
  };
}
