/**
 * Validates the document text for the designer (issue #8: findings come from validating the text,
 * so they keep their line:col after every edit). The engine process runs the engine's own
 * `validateText` (schema, graph, expressions, references), off the UI thread; the renderer's strict
 * CSP forbids the code generation Ajv needs, so validation does not run in the page itself.
 * Only the newest request matters: an older one resolves with null.
 */
import type { HostApi } from '../../engine/host/api';
import type { Finding } from '../../engine/model/finding';

export interface TextValidator {
  /** Findings of `text` (line:col in that text); null when a newer request superseded this one. */
  validate(text: string, file?: string): Promise<Finding[] | null>;
}

/** Validates through HostApi `validateText`. */
export function createHostValidator(host: Pick<HostApi, 'validateText'>): TextValidator {
  let newest = 0;
  return {
    async validate(text, file) {
      const id = ++newest;
      const findings = await host.validateText({ text, ...(file === undefined ? {} : { path: file }) });
      return id === newest ? findings : null;
    },
  };
}
