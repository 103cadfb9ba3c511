/**
 * Child-process entry: runs one case and writes its CaseResult as JSON to the file named on the
 * command line. One process per case keeps engines apart: no JIT state, heap or peak RSS carries
 * over from one engine to the next.
 * Usage: node --expose-gc --import tsx bench/harness/child.ts CASE_ID REPS BUDGET_MS OUT_FILE
 */
import { writeFileSync } from 'node:fs';
import { allCases } from '../workloads/index.js';
import { measureCase } from './measure.js';
import { caseId } from './types.js';

const [id, reps, budgetMs, out] = process.argv.slice(2);
const spec = allCases().find((c) => caseId(c) === id);
if (!spec || !out) {
  process.stderr.write(`bench child: unknown case ${id}\n`);
  process.exit(2);
}
const result = await measureCase(spec, { reps: Number(reps), budgetMs: Number(budgetMs) });
writeFileSync(out, JSON.stringify(result));
// Peers may leave handles open (Node-RED's runtime); the result is written, so end here.
process.exit(0);
