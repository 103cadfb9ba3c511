/**
 * The finding codes moved to engine/model/finding.ts (issue #10: one findings vocabulary, which
 * engine/yaml reads without importing validate). Kept as a re-export for code written against the
 * old place; import `Code` from model.
 */
export { Code, codeMeanings } from '../model/finding.js';
