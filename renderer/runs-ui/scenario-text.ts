/**
 * "New scenario" as a text edit of a flow's X.scenarios.yaml (engine/simulate/README.md): a new
 * item appended at the end of the `scenarios:` list, indented like the items already there, so the
 * rest of the file (comments, flow mappings, spacing) stays byte for byte as the person wrote it.
 */
import { isMap, isSeq, parseDocument, stringify } from 'yaml';
import type { Flow, JsonObject } from '../../engine/model/flow';
import { defaultRunInput } from '../doc/run-input';

/** The new text, and the 1-based line of the new scenario's `name:` (to put the cursor there). */
export interface NewScenarioEdit {
  text: string;
  name: string;
  line: number;
}

/** `base`, or `base 2`, `base 3`…: the first not in `taken`. */
export function freeScenarioName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** The scenario names of `text` (for a free name); empty when it does not parse. */
export function scenarioNames(text: string): Set<string> {
  try {
    const doc = parseDocument(text);
    const list = isMap(doc.contents) ? doc.contents.get('scenarios', true) : undefined;
    if (!isSeq(list)) return new Set();
    return new Set(list.items.flatMap((item) => (isMap(item) && typeof item.get('name') === 'string' ? [item.get('name') as string] : [])));
  } catch {
    return new Set();
  }
}

/** One scenario item as block YAML lines, indented by `indent` spaces (the `- ` at `indent`). */
function itemLines(name: string, input: JsonObject, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const body = stringify({ name, input, expect: { status: 'succeeded' } }, { flowCollectionPadding: false, lineWidth: 0 })
    .trimEnd()
    .split('\n');
  return body.map((l, i) => `${pad}${i === 0 ? '- ' : '  '}${l}`);
}

/**
 * Appends a scenario named `base` (numbered when taken) to scenarios `text` (null or empty: a new
 * file) for `flow`: its input prefilled as the Run dialog does (defaults, required fields empty),
 * expecting success. Text the yaml parser cannot place an item in gets `scenarios:` appended anew
 * only when it has none; otherwise the item goes at the end of the file.
 */
export function withNewScenario(text: string | null, base: string, flow: Flow | null): NewScenarioEdit {
  const current = text ?? '';
  const name = freeScenarioName(base, scenarioNames(current));
  const input = flow ? defaultRunInput(flow) : {};
  let doc;
  try {
    doc = parseDocument(current);
  } catch {
    doc = null;
  }
  const list = doc && isMap(doc.contents) ? doc.contents.get('scenarios', true) : undefined;
  if (isSeq(list) && !list.flow && list.range && list.items.length > 0) {
    // After the last item, before what follows the list (its range ends after its own trailing newline).
    const end = list.range[1];
    const lineStart = current.lastIndexOf('\n', (list.items[0] as { range?: [number, number, number] }).range![0] - 1) + 1;
    const indent = (list.items[0] as { range?: [number, number, number] }).range![0] - lineStart - 2;
    // Items set apart by blank lines get one before the new item too.
    const spaced = /\n[ \t]*\n[ \t]*- /.test(current.slice(lineStart, end));
    const before = current.slice(0, end).replace(/\n*$/, spaced ? '\n\n' : '\n');
    const after = current.slice(end);
    const lines = itemLines(name, input, Math.max(indent, 0));
    return { text: `${before}${lines.join('\n')}\n${after}`, name, line: before.split('\n').length };
  }
  if (!current.trim() || (doc && isMap(doc.contents) && !doc.contents.has('scenarios')) || (isSeq(list) && list.items.length === 0)) {
    const kept = isSeq(list) ? current.replace(/^scenarios:.*$/m, '').trimEnd() : current.trimEnd();
    const head = kept ? `${kept}\nscenarios:\n` : 'scenarios:\n';
    return { text: `${head}${itemLines(name, input, 2).join('\n')}\n`, name, line: head.split('\n').length };
  }
  const head = `${current.trimEnd()}\n`;
  return { text: `${head}${itemLines(name, input, 2).join('\n')}\n`, name, line: head.split('\n').length };
}
