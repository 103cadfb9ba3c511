/**
 * Runs one case: repetitions timed with process.hrtime.bigint, the median/min/max of them, and
 * peak memory (resident set of the process, and V8 heap sampled while it runs). Needs
 * `node --expose-gc` so each repetition starts from a collected heap.
 */
import { loadavg } from 'node:os';
import type { CaseResult, CaseSpec } from './types.js';
import { caseId } from './types.js';

export interface MeasureOptions {
  /** Repetitions wanted (the case's maxReps caps it). */
  reps: number;
  /** Stop repeating once this much wall time went into the case (at least one repetition runs). */
  budgetMs: number;
}

/** Collects garbage when `--expose-gc` is on; a no-op otherwise (peak figures are then rougher). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs `spec` `options.reps` times (fewer when the budget runs out). When the first repetition is
 * short (under a second) and more are allowed, it is a warm-up and is dropped, so the JIT has
 * compiled the hot code before samples are taken; long ones are kept (their JIT warm-up is
 * amortised over thousands of units).
 */
export async function measureCase(spec: CaseSpec, options: MeasureOptions): Promise<CaseResult> {
  const kind = spec.kind ?? 'time';
  const base = { id: caseId(spec), workload: spec.workload, param: spec.param, engine: spec.engine, mode: spec.mode, unit: spec.unit, units: spec.units, kind };
  let peakHeap = 0;
  const sampleHeap = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sampleHeap, 5);
  sampler.unref();
  const rep = await spec.setup!();
  const wanted = Math.max(1, Math.min(options.reps, spec.maxReps ?? Infinity));
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const startedAt = Date.now();
  let warmedUp = false;
  try {
    for (let i = 0; samples.length < wanted; i++) {
      await rep.before?.();
      collectGarbage();
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const value = await rep.run();
      const ns = Number(process.hrtime.bigint() - t0);
      const cpu = process.cpuUsage(cpu0);
      sampleHeap();
      await rep.after?.();
      const sample = kind === 'memory' ? (value as number) : ns;
      const isWarmUp = !warmedUp && kind === 'time' && wanted > 1 && ns < 1e9;
      warmedUp = true;
      if (!isWarmUp) {
        samples.push(sample);
        cpuSamples.push((cpu.user + cpu.system) * 1000);
      }
      if (Date.now() - startedAt > options.budgetMs && samples.length > 0) break;
    }
  } finally {
    clearInterval(sampler);
    await rep.close?.();
  }
  const med = median(samples);
  const cpuMedian = median(cpuSamples);
  return {
    ...base,
    samples,
    median: med,
    min: Math.min(...samples),
    max: Math.max(...samples),
    perUnit: kind === 'memory' ? med : med / spec.units,
    ...(kind === 'time'
      ? { cpu: { samples: cpuSamples, median: cpuMedian, min: Math.min(...cpuSamples), max: Math.max(...cpuSamples), perUnit: cpuMedian / spec.units } }
      : {}),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
    loadAverage1m: loadavg()[0]!,
    ...(rep.extra ? { extra: rep.extra() } : {}),
  };
}
