/**
 * The limits moved to engine/model/limits.ts (issue #10: expr and yaml read them without importing
 * each other). Kept as a re-export for code written against the old place; import from model.
 */
export * from '../model/limits.js';
