/**
 * What every CLI command shares: the store (`--db`), the run service, and input parsing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { JsonObject } from '../model/flow.js';
import { defaultDbPath } from '../service/paths.js';
import { RunService } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { UsageError } from './errors.js';
import { cliTrust, cliWorkspace } from './trust-context.js';

/**
 * Opens the store named by `--db` (else FLOWSMITH_DB, else ~/.flowsmith/flowsmith.db) and a
 * RunService on it. Real runs of untrusted flows are refused (trust-context.ts; `workspace` is `--workspace`).
 * `readonly` for commands that only read (runs, show). Throws StoreError naming the file.
 */
export function openService(db: string | undefined, progress: boolean, workspace?: string, options: { readonly?: boolean } = {}): RunService {
  const file = db ?? defaultDbPath();
  // Commands that only read open the store read-only, so a read-only file or folder can be listed
  // (#11 item 12); a store that does not exist yet is created as before.
  const journal = openJournal(file, { readonly: options.readonly === true && existsSync(file) });
  const service = new RunService({
    journal,
    trust: cliTrust(journal, cliWorkspace(workspace)),
    onEvent: progress
      ? (_run, _seq, e) => {
          if (e.type === 'StepStarted') process.stderr.write(`▶ ${e.step}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}\n`);
          else if (e.type === 'StepFailed') process.stderr.write(`✗ ${e.step}: ${e.error.name}: ${e.error.message}\n`);
          else if (e.type === 'StepRetryScheduled')
            process.stderr.write(`↻ ${e.step} failed (${e.error.name}); retry in ${e.dueAt - e.at} ms\n`);
          else if (e.type === 'ApprovalRequested') process.stderr.write(`⏸ ${e.step} waits for approval: ${e.message}\n`);
          else if (e.type === 'CallbackWaiting') process.stderr.write(`⏸ ${e.step} waits for its callback until ${new Date(e.dueAt).toISOString()}\n`);
        }
      : undefined,
  });
  // Leases this process still holds are given up when it exits (a kill -9 leaves them to be taken over).
  process.once('exit', () => {
    try {
      service.close();
    } catch {
      // The store is closed or gone: its leases go stale and are taken over.
    }
  });
  return service;
}

/**
 * Parses `--input`: a JSON object, or `@path` to a JSON file. Throws UsageError saying what is wrong.
 */
export function parseInput(text: string | undefined): JsonObject {
  if (text === undefined) return {};
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the input file ${text.slice(1)}: ${(err as NodeJS.ErrnoException).code}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    throw new UsageError(`--input is not valid JSON (${(err as Error).message}); pass an object like '{"version":"1.0.0"}' or @file.json`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--input must be a JSON object, like \'{"version":"1.0.0"}\'');
  }
  return value as JsonObject;
}

/** The identity used when `--as` is not given: the OS user name. */
export function defaultIdentity(): string {
  return process.env.FLOWSMITH_USER ?? userInfo().username;
}
