/**
 * Says which scenario and which field a scenario-file finding is about (the Scenarios editor,
 * issue "Scenarios editor"): `scenario "rejected", mocks.buidl: no step "buidl" …` instead of a bare
 * `no step "buidl"`, and `scenario "a": expect.status must be …` instead of `scenarios[0].expect.status …`.
 * Works on the text the findings were computed for (their line:col); never throws.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Finding } from '../model/finding.js';

/** A scenario item's place in the text: its index, name and character range. */
interface ScenarioSpan {
  index: number;
  name: string;
  node: Node;
}

/** Character offset of 1-based `line`:`col` in `text` (clamped to the text). */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(col - 1, 0), text.length);
}

function contains(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
}

/** The keys and indexes from `node` down to the deepest node holding `offset`. */
function pathTo(node: Node, offset: number): (string | number)[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyText = isScalar(key) ? String(key.value) : null;
      if (keyText === null) continue;
      if (contains(key, offset)) return [keyText];
      if (contains(value, offset)) return [keyText, ...pathTo(value!, offset)];
    }
  }
  if (isSeq(node)) {
    const i = node.items.findIndex((item) => contains(item as Node, offset));
    if (i >= 0) return [i, ...pathTo(node.items[i] as Node, offset)];
  }
  return [];
}

/** `mocks.deploy[1].error` from path segments. */
export function dotted(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The scenarios of `text` with their nodes, in order; empty when the text has no `scenarios:` list. */
function scenarioSpans(text: string): ScenarioSpan[] {
  const doc = parseDocument(text, { uniqueKeys: false });
  const list = isMap(doc.contents) ? doc.contents.get('scenarios', true) : undefined;
  if (!isSeq(list)) return [];
  return list.items.flatMap((item, index) => {
    if (!isMap(item)) return [];
    const name = item.get('name');
    return [{ index, name: typeof name === 'string' ? name : `#${index + 1}`, node: item as Node }];
  });
}

/**
 * `findings` (about `text`) with each message naming its scenario and field when the finding lies
 * inside one scenario of the `scenarios:` list. Findings elsewhere (the `flow:` key, YAML syntax)
 * are returned as they are.
 */
export function labelScenarioFindings(text: string, findings: readonly Finding[]): Finding[] {
  let spans: ScenarioSpan[];
  try {
    spans = scenarioSpans(text);
  } catch {
    return [...findings];
  }
  return findings.map((f) => {
    if (f.line === undefined) return f;
    const offset = offsetOf(text, f.line, f.col ?? 1);
    const span = spans.find((s) => contains(s.node, offset));
    if (!span) return f;
    const who = `scenario "${span.name}"`;
    // The schema check already names the field as `scenarios[i].field …`: keep its words, name the scenario.
    const own = new RegExp(`^scenarios\\[${span.index}\\]\\.?`);
    if (own.test(f.message)) return { ...f, message: `${who}: ${f.message.replace(own, '').trimStart()}` };
    const field = dotted(pathTo(span.node, offset));
    const rest = f.message.startsWith(`${who}: `) ? f.message.slice(who.length + 2) : f.message;
    return { ...f, message: field ? `${who}, ${field}: ${rest}` : `${who}: ${rest}` };
  });
}
