/**
 * Compares a scenario's expectations with the run record of its simulation (the `--json` record,
 * runtime/record.ts). Only what the scenario states is checked: `vars` and step outputs match as
 * subsets (mappings: the listed keys; lists: same length, item by item; values: equal).
 * report.ts turns the mismatches into the readable diff.
 */
import type { Json, StepId } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import type { RunRecord } from '../runtime/record.js';
import type { Expectation, StepExpectation } from './scenario.js';

/** One way the run differs from what the scenario expects. `field` is a dotted path into the record. */
export type Mismatch =
  | { kind: 'path'; field: 'path'; expected: StepId[]; actual: StepId[]; /** index of the first difference */ at: number }
  | { kind: 'value'; field: string; expected: Json | undefined; actual: Json | undefined; detail?: string };

/** Every mismatch between `expect` and `record`, in the order the fields are listed in scenario.ts. */
export function compareExpectation(expect: Expectation, record: RunRecord): Mismatch[] {
  const out: Mismatch[] = [];
  const value = (field: string, expected: Json | undefined, actual: Json | undefined, detail?: string) =>
    out.push({ kind: 'value', field, expected, actual, ...(detail ? { detail } : {}) });

  if (record.status !== expect.status) {
    value('status', expect.status, record.status, record.error ? `${record.error.name}: ${record.error.message}` : undefined);
  }
  if (expect.path) {
    const at = firstDifference(expect.path, record.path);
    if (at !== -1) out.push({ kind: 'path', field: 'path', expected: expect.path, actual: record.path, at });
  }
  for (const id of expect.pathIncludes ?? []) if (!record.path.includes(id)) value('pathIncludes', id, null, `${id} never started`);
  for (const id of expect.pathExcludes ?? []) if (record.path.includes(id)) value('pathExcludes', id, id, `${id} started`);
  if (expect.vars) out.push(...subsetMismatches(expect.vars, record.vars, 'vars'));
  for (const [id, step] of Object.entries(expect.steps ?? {})) out.push(...stepMismatches(id, step, record));
  if (expect.error !== undefined) {
    const e = errorMismatch('error', expect.error, record.error);
    if (e) out.push(e);
  }
  if (expect.duration !== undefined) {
    const actual = record.endedAt === null ? null : Date.parse(record.endedAt) - Date.parse(record.startedAt);
    if (actual !== parseDurationMs(expect.duration)) {
      value('duration', expect.duration, actual === null ? null : formatMs(actual), actual === null ? 'the run has not ended' : undefined);
    }
  }
  return out;
}

/** Index of the first position where the two paths differ, or -1 when they are equal. */
export function firstDifference(expected: readonly StepId[], actual: readonly StepId[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i;
  return -1;
}

function stepMismatches(id: StepId, expect: StepExpectation, record: RunRecord): Mismatch[] {
  const step = record.steps[id];
  const out: Mismatch[] = [];
  const field = `steps.${id}`;
  // A step that never started has no entry in the record: it reads as pending with 0 attempts.
  const status = step?.status ?? 'pending';
  if (expect.status !== undefined && expect.status !== status) {
    out.push({ kind: 'value', field: `${field}.status`, expected: expect.status, actual: status, ...(step?.error ? { detail: `${step.error.name}: ${step.error.message}` } : {}) });
  }
  if (expect.attempts !== undefined && expect.attempts !== (step?.attempts ?? 0)) {
    out.push({ kind: 'value', field: `${field}.attempts`, expected: expect.attempts, actual: step?.attempts ?? 0 });
  }
  if (expect.output !== undefined) out.push(...subsetMismatches(expect.output, step?.output ?? null, `${field}.output`));
  if (expect.error !== undefined) {
    const e = errorMismatch(`${field}.error`, expect.error, step?.error ?? null);
    if (e) out.push(e);
  }
  return out;
}

function errorMismatch(field: string, expected: { name: string; message?: string } | null, actual: { name: string; message: string } | null): Mismatch | undefined {
  if (expected === null) {
    return actual === null ? undefined : { kind: 'value', field, expected: null, actual: actual.name, detail: actual.message };
  }
  if (actual === null) return { kind: 'value', field: `${field}.name`, expected: expected.name, actual: null };
  if (actual.name !== expected.name) return { kind: 'value', field: `${field}.name`, expected: expected.name, actual: actual.name, detail: actual.message };
  if (expected.message !== undefined && !actual.message.includes(expected.message)) {
    return { kind: 'value', field: `${field}.message`, expected: expected.message, actual: actual.message, detail: 'expected text not found in the message' };
  }
  return undefined;
}

/**
 * Mismatches of `actual` against `expected` read as a subset: a mapping checks only its keys (each
 * recursively), a list needs the same length and matches item by item, anything else must be equal.
 */
export function subsetMismatches(expected: Json, actual: Json | undefined, field: string): Mismatch[] {
  const miss = (): Mismatch[] => [{ kind: 'value', field, expected, actual }];
  if (isMapping(expected)) {
    if (!isMapping(actual)) return miss();
    return Object.entries(expected).flatMap(([k, v]) => subsetMismatches(v, actual[k], `${field}.${k}`));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return miss();
    return expected.flatMap((v, i) => subsetMismatches(v, actual[i], `${field}[${i}]`));
  }
  return expected === actual ? [] : miss();
}

function isMapping(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Milliseconds as a duration in the scenario notation: `2h`, `20m2s`, `1h20m0.6s`. */
export function formatMs(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]];
  let rest = ms;
  for (const [unit, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest / 1000}s`);
  return parts.join('');
}
