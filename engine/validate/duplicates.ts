/**
 * Duplicate keys, found in the yaml Document because the plain JS has already lost them (the last
 * one wins). In a `steps` map, the flow's or a map body's, it is a duplicate step id (FS013);
 * elsewhere a duplicate key (FS006). Needs the Document, so validateText runs it, not validateFlow.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { Code } from '../model/finding.js';
import { dottedPath, type DocPath, type Issue } from './issue.js';

/** A duplicate-key issue with the source offset of the repeated key. */
export interface DuplicateIssue extends Issue {
  offset: number | undefined;
}

/** Every repeated key after its first occurrence, in document order. */
export function checkDuplicateKeys(doc: Document, lineOf: (offset: number) => number): DuplicateIssue[] {
  const issues: DuplicateIssue[] = [];
  const visit = (node: unknown, path: DocPath) => {
    if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isMap(node)) return;
    const first = new Map<string, number | undefined>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const offset = pair.key.range?.[0];
      if (first.has(key)) {
        const earlier = first.get(key);
        const above = earlier === undefined ? 'above' : `on line ${lineOf(earlier)}`;
        issues.push(describe(key, path, above, offset));
      } else {
        first.set(key, offset);
      }
      visit(pair.value, [...path, key]);
    }
  };
  visit(doc.contents, []);
  return issues;
}

function describe(key: string, path: DocPath, above: string, offset: number | undefined): DuplicateIssue {
  if (isStepsMap(path)) {
    return {
      code: Code.duplicateStep,
      message: `step id "${key}" is used twice (also ${above}); only the last one would count, so rename one`,
      path: [...path, key],
      step: key,
      offset,
    };
  }
  return {
    code: Code.duplicateKey,
    message: `${dottedPath(path)} has the key "${key}" twice (also ${above}); only the last one counts, so remove one`,
    path: [...path, key],
    offset,
  };
}

/** `steps` at the top, or the `steps` of a map step: `steps.<id>.steps`, nested any depth. */
function isStepsMap(path: DocPath): boolean {
  if (path.length % 2 === 0 || path[path.length - 1] !== 'steps') return false;
  return path.every((segment, i) => i % 2 === 1 || segment === 'steps');
}
