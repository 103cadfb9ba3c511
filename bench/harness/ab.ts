/**
 * A/B of one case between this tree and another checkout (an older commit), in one process and
 * alternating repetitions, so both sides see the same load: what "within noise" needs on a shared
 * 2-core machine, where two separate bench runs minutes apart differ by more than a regression.
 * Prints min, p25 and median CPU time (user + system, ms) per repetition for each side.
 *
 * Usage (from the repo root; the other tree needs node_modules and bench/node_modules, e.g.
 * `git worktree add ../old <rev> && ln -s $PWD/node_modules ../old/ && ln -s $PWD/bench/node_modules ../old/bench/`):
 *   node --expose-gc --import tsx bench/harness/ab.ts ../old 'W1|N=10000|flowsmith|sim-mem' 30
 * Both sides run through tsx (esbuild's keepNames wraps every closure in __name): compare ratios,
 * not absolute figures, with `npm run bench`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CaseSpec, Rep } from './types.js';

const [otherTree, id, repsArg] = process.argv.slice(2);
if (!otherTree || !id) {
  process.stderr.write("usage: node --expose-gc --import tsx bench/harness/ab.ts OTHER_TREE 'W1|N=1000|flowsmith|sim-mem' [REPS]\n");
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('ab: run node with --expose-gc\n');
  process.exit(2);
}

/** The case's repetition body from the tree at `root` (its own workloads, engine and peers). */
async function repOf(root: string): Promise<Rep> {
  const { allCases } = (await import(pathToFileURL(resolve(root, 'bench/workloads/index.ts')).href)) as { allCases(): CaseSpec[] };
  const { caseId } = (await import(pathToFileURL(resolve(root, 'bench/harness/types.ts')).href)) as { caseId(c: CaseSpec): string };
  const spec = allCases().find((c) => caseId(c) === id);
  if (!spec?.setup) throw new Error(`no runnable case ${id} in ${root}; ids look like W1|N=1000|flowsmith|sim`);
  return spec.setup();
}

const sides = { this: await repOf('.'), other: await repOf(otherTree) };
const cpuMs: Record<keyof typeof sides, number[]> = { this: [], other: [] };
const reps = Number(repsArg ?? 20);
for (let i = 0; i < reps; i++) {
  // Alternate which side goes first: neither always runs on a heap the other just left.
  for (const side of i % 2 === 0 ? (['this', 'other'] as const) : (['other', 'this'] as const)) {
    const rep = sides[side];
    await rep.before?.();
    gc();
    const start = process.cpuUsage();
    await rep.run();
    const used = process.cpuUsage(start);
    await rep.after?.();
    cpuMs[side].push((used.user + used.system) / 1000);
  }
}
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
const line = (side: keyof typeof sides) => {
  const s = [...cpuMs[side]].sort((a, b) => a - b);
  return { min: s[0]!, p25: at(s, 0.25), median: at(s, 0.5) };
};
const a = line('this');
const b = line('other');
console.log(`${id}, ${reps} repetitions each, CPU ms`);
console.log(`this   min ${a.min.toFixed(2)}  p25 ${a.p25.toFixed(2)}  median ${a.median.toFixed(2)}`);
console.log(`other  min ${b.min.toFixed(2)}  p25 ${b.p25.toFixed(2)}  median ${b.median.toFixed(2)}  (${otherTree})`);
console.log(`this ÷ other: p25 ${(a.p25 / b.p25).toFixed(2)}×, median ${(a.median / b.median).toFixed(2)}×`);
process.exit(0);
