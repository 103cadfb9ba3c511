/**
 * Reading a flow file for a run: read, parse, validate, refuse when there are error findings.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../model/finding.js';
import { formatFinding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { validateText } from '../validate/index.js';

/** Thrown when a flow file has error findings: the CLI prints them and exits 1. */
export class FlowInvalidError extends Error {
  override name = 'FlowInvalidError';
  constructor(readonly findings: Finding[]) {
    super(findings.map(formatFinding).join('\n'));
  }
}

/** Reads and validates a flow file. Throws FlowInvalidError on error findings, Error when unreadable. */
export function loadValidFlow(path: string): { flow: Flow; text: string; findings: Finding[] } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const text = bytes.toString('utf8');
  const { loaded, findings } = validateText(text, path, bytes); // bytes: FS029 names a non-UTF-8 encoding
  if (!loaded.flow || findings.some((f) => f.severity === 'error')) throw new FlowInvalidError(findings);
  return { flow: loaded.flow, text, findings };
}

