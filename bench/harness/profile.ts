/**
 * Runs one case in this process, for profiling (the orchestrator's child processes are not
 * profiled). Prints each repetition's time.
 * Usage (from the repo root):
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/harness/profile.ts 'W1|N=10000|flowsmith|sim' 3
 *   node bench/harness/profile-top.mjs /tmp/prof/<largest>.cpuprofile
 * Case ids are `workload|size|engine|mode`, as in results.json.
 */
import { measureCase } from './measure.js';
import { caseId } from './types.js';
import { allCases } from '../workloads/index.js';

const [id, reps] = process.argv.slice(2);
const spec = allCases().find((c) => caseId(c) === id);
if (!spec) {
  process.stderr.write(`no case ${id}; ids look like W1|N=1000|flowsmith|sim\n`);
  process.exit(2);
}
const r = await measureCase(spec, { reps: Number(reps ?? 3), budgetMs: 60_000 });
console.log(`${id}: ${r.samples.map((s) => (r.kind === 'memory' ? `${(s / 1024).toFixed(2)} KB` : `${(s / 1e6).toFixed(2)} ms`)).join(', ')}`);
process.exit(0);
