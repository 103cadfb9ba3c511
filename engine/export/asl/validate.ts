/**
 * Runs asl-validator 4 (npm, the checker DESIGN.md "Export and import" names for ASL) on a
 * definition and turns its errors into findings, so a user sees what AWS would reject.
 */
import aslValidator from 'asl-validator';
import type { Finding } from '../../model/finding.js';
import { AslExportCode } from './codes.js';

/**
 * asl-validator's errors for `definition`, as one message each. Default options (path and ARN
 * checks on): shared/corpus/README.md found `checkArn: false` stricter, not laxer, for `${…}`
 * placeholders. The validator mutates its input, so it gets a deep copy. Never throws: a crash of
 * the validator comes back as a message too.
 */
export function aslValidationErrors(definition: unknown): string[] {
  // asl-validator 4 builds Ajv and its 15 schemas again on every call (0.1–0.35 s here): the
  // same document (the export preview after an edit elsewhere, a check right after an export)
  // is answered from the last few results.
  let key: string;
  try {
    key = JSON.stringify(definition);
  } catch {
    return validate(definition); // not JSON (a cycle): the validator says what it says, uncached
  }
  const known = recent.get(key);
  if (known) return [...known];
  const errors = validate(definition);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, errors);
  return [...errors];
}

/** How many documents' results are kept (oldest dropped first). */
const RECENT_MAX = 16;
const recent = new Map<string, string[]>();

function validate(definition: unknown): string[] {
  try {
    const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
    if (result.isValid) return [];
    return result.errors.map((e) => (e.Message ?? `${e.instancePath ?? ''} ${e.message ?? ''}`).trim());
  } catch (error) {
    return [`asl-validator failed: ${(error as Error).message}`];
  }
}

/** aslValidationErrors as FS140 error findings (a rejected export is a bug in the exporter). */
export function aslValidationFindings(definition: unknown): Finding[] {
  return aslValidationErrors(definition).map((message) => ({
    severity: 'error',
    code: AslExportCode.invalidDocument,
    message: `asl-validator rejects the exported document: ${message}; please report this as a Flowsmith bug`,
  }));
}
