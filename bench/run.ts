/**
 * `npm run bench [-- FILTER… --quick --merge --cpu --report --reps N --budget S --timeout S]`: runs every case
 * of bench/workloads in its own child process (node --expose-gc), prints the table and the targets
 * of issue #3, and writes bench/results.json (with --merge: replaces only the rows it ran in the
 * existing results.json, e.g. to re-measure one workload, and prints the whole merged table;
 * with --cpu: the table, ratios and targets use CPU time instead of wall time; with --report:
 * nothing runs, the existing results.json is printed again).
 * FILTER words select cases: a workload (W1), an engine (xstate, node-red, flowsmith,
 * sqlite-floor), a mode (sim, sim-mem, durable, mem) or a size (N=1000); words of one kind are
 * alternatives, kinds combine (W1 W2 flowsmith = both workloads, Flowsmith only).
 */
import { execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTargets, formatTargets } from './harness/targets.js';
import { formatKb, formatNs, formatTable } from './harness/table.js';
import type { CaseResult, CaseSpec } from './harness/types.js';
import { caseId } from './harness/types.js';
import { allCases } from './workloads/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

interface Options {
  filters: string[];
  /** Replace these cases' rows in the existing results.json instead of writing a new one. */
  merge: boolean;
  /** What the table, ratios and targets read: wall time (default) or CPU time (on a loaded machine). */
  basis: 'wall' | 'cpu';
  /** Run nothing: print the table and targets of the existing results.json again. */
  report: boolean;
  reps: number;
  budgetMs: number;
  timeoutMs: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { filters: [], merge: false, basis: 'wall', report: false, reps: 7, budgetMs: 15_000, timeoutMs: 300_000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => Number(argv[++i]);
    if (a === '--quick') Object.assign(o, { reps: 2, budgetMs: 5_000, timeoutMs: 120_000 });
    else if (a === '--merge') o.merge = true;
    else if (a === '--cpu') o.basis = 'cpu';
    else if (a === '--report') o.report = true;
    else if (a === '--reps') o.reps = value();
    else if (a === '--budget') o.budgetMs = value() * 1000;
    else if (a === '--timeout') o.timeoutMs = value() * 1000;
    else if (a.startsWith('--')) {
      process.stderr.write(`bench: unknown option ${a}; use --quick, --merge, --cpu, --report, --reps N, --budget SECONDS, --timeout SECONDS\n`);
      process.exit(2);
    } else o.filters.push(a);
  }
  return o;
}

/** Cases matching the filter words: within a field any word matches, across fields all must. */
function select(cases: CaseSpec[], filters: string[]): CaseSpec[] {
  if (filters.length === 0) return cases;
  const fields = ['workload', 'engine', 'mode', 'param'] as const;
  const byField = new Map<string, string[]>();
  for (const f of filters) {
    const field = fields.find((k) => cases.some((c) => c[k].toLowerCase() === f.toLowerCase())) ?? 'param';
    byField.set(field, [...(byField.get(field) ?? []), f.toLowerCase()]);
  }
  return cases.filter((c) =>
    [...byField].every(([field, words]) => words.some((w) => (field === 'param' ? c.param.toLowerCase().includes(w) : c[field as (typeof fields)[number]].toLowerCase() === w))),
  );
}

/** Runs one case in a child process; a crash or timeout becomes an error row. */
function runChild(spec: CaseSpec, o: Options, dir: string, n: number): Promise<CaseResult> {
  const out = join(dir, `case-${n}.json`);
  const id = caseId(spec);
  const base = { id, workload: spec.workload, param: spec.param, engine: spec.engine, mode: spec.mode, unit: spec.unit, units: spec.units, kind: spec.kind ?? 'time' } as const;
  const empty = { samples: [], median: NaN, min: NaN, max: NaN, perUnit: NaN, peakRssMb: NaN, peakHeapMb: NaN };
  if (spec.na) return Promise.resolve({ ...base, ...empty, na: spec.na });
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(here, 'harness', 'child.ts'), id, String(o.reps), String(o.budgetMs), out],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(readFileSync(out, 'utf8')) as CaseResult);
      } catch {
        const why = signal === 'SIGKILL' ? `timed out after ${o.timeoutMs / 1000} s` : `exit ${code}: ${lastLine(stderr)}`;
        resolve({ ...base, ...empty, error: why });
      }
    });
  });
}

/**
 * Which engine was measured: the commit, and a hash of engine/ sources as they are on disk (the
 * work tree may hold uncommitted changes), so two results.json can be told apart.
 */
function engineVersion(): { commit: string; engineSourceSha1: string } {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // not a git checkout
  }
  const hash = createHash('sha1');
  const files = (readdirSync(join(root, 'engine'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const f of files) hash.update(f).update(readFileSync(join(root, 'engine', f)));
  return { commit, engineSourceSha1: hash.digest('hex').slice(0, 12) };
}

/** The result with its CPU-time figures in place of the wall-time ones (time cases only). */
function onCpuTime(r: CaseResult): CaseResult {
  return r.cpu ? { ...r, median: r.cpu.median, min: r.cpu.min, max: r.cpu.max, perUnit: r.cpu.perUnit } : r;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => /error/i.test(l));
  return (lines[0] ?? text.trim().split('\n').pop() ?? '').trim();
}

function progress(r: CaseResult): string {
  const id = `${r.workload} ${r.param} ${r.engine} ${r.mode}`.padEnd(48);
  if (r.na) return `${id} n/a`;
  if (r.error) return `${id} ERROR ${r.error}`;
  const f = r.kind === 'memory' ? formatKb : formatNs;
  return `${id} ${f(r.perUnit)}/${r.unit} (${r.samples.length} reps, median ${f(r.median)})`;
}

const options = parseArgs(process.argv.slice(2));
const resultsFile = join(here, 'results.json');

/** Prints the table and targets of `results` on the chosen basis; returns the targets. */
function report(results: CaseResult[]) {
  // With --cpu the table, ratios and targets read CPU time; results.json keeps both as measured.
  const shown = options.basis === 'cpu' ? results.map(onCpuTime) : results;
  const targets = checkTargets(shown);
  console.log(`\n${options.basis === 'cpu' ? 'Times are CPU time (user + system) per repetition, not wall time.\n' : ''}${formatTable(shown)}\n`);
  console.log(`Per unit = median / units of work in one repetition. Ratios = Flowsmith per unit ÷ the peer's (above 1: Flowsmith is slower or bigger).`);
  console.log(`peak MB = highest RSS of the case's own process. Memory rows (W7): KB of V8 heap per waiting run.`);
  console.log(`load = the machine's 1-minute load average as the case ended (${cpus().length} cores: above that, other work slowed the case).\n`);
  if (targets.length) console.log(`${formatTargets(targets)}\n`);
  return targets;
}

if (options.report) {
  report((JSON.parse(readFileSync(resultsFile, 'utf8')) as { results: CaseResult[] }).results);
  process.exit(0);
}
const cases = select(allCases(), options.filters);
if (cases.length === 0) {
  process.stderr.write(`bench: no case matches ${options.filters.join(' ')}; try W1, xstate, durable or N=1000\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'flowsmith-bench-results-'));
const results: CaseResult[] = [];
const startedAt = new Date();
// Other work on the machine skews timings; the load average before and after says how much there was.
const loadBefore = loadavg()[0]!;
process.stderr.write(`bench: ${cases.length} cases, up to ${options.reps} repetitions each\n`);
for (const [n, spec] of cases.entries()) {
  const r = await runChild(spec, options, dir, n);
  results.push(r);
  process.stderr.write(`${progress(r)}\n`);
}
rmSync(dir, { recursive: true, force: true });

let previousMeta: Record<string, unknown> | undefined;
if (options.merge) {
  const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as { meta: Record<string, unknown>; results: CaseResult[] };
  previousMeta = previous.meta;
  const fresh = new Map(results.map((r) => [r.id, r]));
  const order = allCases().map(caseId);
  const merged = [...previous.results.filter((r) => !fresh.has(r.id)), ...results];
  merged.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  results.splice(0, results.length, ...merged);
}
const targets = report(results);
const thisRun = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  ...engineVersion(),
  node: process.version,
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadAverage1m: { before: loadBefore, after: loadavg()[0]! },
  options,
};
// A merged file keeps the first run's meta and lists each re-measurement with its own.
const meta = previousMeta
  ? { ...previousMeta, remeasured: [...((previousMeta.remeasured as unknown[]) ?? []), { filters: options.filters, ...thisRun }] }
  : thisRun;
writeFileSync(resultsFile, `${JSON.stringify({ meta, results, targets }, null, 2)}\n`);
console.log(`wrote bench/results.json (${thisRun.seconds} s)`);
