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
