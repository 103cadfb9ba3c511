/**
 * Random damage to real flows, for the mutation fuzz test (issue #3 item 9): edits of the YAML
 * Document (delete a key, change a value's type, duplicate a key, rename a step, add an anchor and
 * an alias to it, possibly inside itself) and of the text (truncate, insert characters, cut a
 * range). Test support only; positions are drawn as plain numbers and wrapped onto what exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isCollection, isMap, isPair, isScalar, parseDocument, visit } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';

/** One edit; `at`, `from` and `to` pick among the candidates modulo their count. */
export type Mutation =
  | { op: 'deleteKey'; at: number }
  | { op: 'retype'; at: number; value: unknown }
  | { op: 'duplicateKey'; at: number }
  | { op: 'renameStep'; at: number; name: string }
  | { op: 'alias'; from: number; to: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'cut'; at: number; length: number };

/** The flow files mutations start from: resources/templates and engine/testdata/flows, by name. */
export function seedFlows(): Map<string, string> {
  const seeds = new Map<string, string>();
  for (const folder of ['../../resources/templates/', '../testdata/flows/']) {
    const url = new URL(folder, import.meta.url);
    for (const name of readdirSync(url)) {
      if (!name.endsWith('.yaml') || name.endsWith('.scenarios.yaml')) continue;
      seeds.set(name, readFileSync(new URL(name, url), 'utf8'));
    }
  }
  return seeds;
}

const otherValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1.5, '', 'x', [], {}, ['a'], { type: 'task' }, '{{ $input.', '$steps.'),
  fc.jsonValue({ maxDepth: 2 }),
);

const insertion = fc.oneof(
  fc.constantFrom('\n', ': ', '- ', '[', '{', '}', ']', '"', "'", '&a ', '*a', '\t', '#', '{{', '}}', '\n  x: 1\n', '---\n'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

/** One random mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('deleteKey' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: otherValue }),
  fc.record({ op: fc.constant('duplicateKey' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('renameStep' as const),
    at: fc.nat(),
    name: fc.oneof(fc.constantFrom('start', 'constructor', '__proto__', 'x y', '-a', ''), fc.string({ maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('alias' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: insertion }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

/**
 * `text` with `mutations` applied in order. Document edits that yaml cannot print (an alias before
 * its anchor, say) are skipped; text edits always apply.
 */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    if (m.op === 'truncate') out = out.slice(0, m.at % (out.length + 1));
    else if (m.op === 'insert') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + m.text + out.slice(at);
    } else if (m.op === 'cut') {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + out.slice(at + m.length);
    } else out = editDocument(out, m);
  }
  return out;
}

function editDocument(text: string, m: Mutation): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return text;
  const pairs = pairsOf(doc);
  const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];
  switch (m.op) {
    case 'deleteKey': {
      const hit = pick(pairs, m.at);
      if (hit) hit.map.items.splice(hit.map.items.indexOf(hit.pair), 1);
      break;
    }
    case 'retype': {
      const hit = pick(pairs, m.at);
      if (hit) hit.pair.value = doc.createNode(m.value);
      break;
    }
    case 'duplicateKey': {
      const hit = pick(pairs, m.at);
      if (hit) hit.map.items.splice(hit.map.items.indexOf(hit.pair) + 1, 0, hit.pair.clone() as Pair);
      break;
    }
    case 'renameStep': {
      const hit = pick(pairs.filter((p) => p.isStep), m.at);
      if (hit) hit.pair.key = doc.createNode(m.name);
      break;
    }
    case 'alias': {
      const target = pick(pairs, m.from)?.pair.value;
      const at = pick(pairs, m.to);
      if (!at || !(isScalar(target) || isCollection(target))) break;
      at.pair.value = doc.createAlias(target, `fz${m.from % 100}`);
      break;
    }
    default:
      break;
  }
  try {
    return doc.toString();
  } catch {
    return text;
  }
}

/** Every key-value pair in a mapping, with its mapping and whether it is a step of a `steps` map. */
function pairsOf(doc: Document): { pair: Pair; map: YAMLMap; isStep: boolean }[] {
  const out: { pair: Pair; map: YAMLMap; isStep: boolean }[] = [];
  visit(doc, {
    Pair(_key, pair, path) {
      const map = path[path.length - 1];
      if (!isMap(map)) return;
      const owner = path[path.length - 2];
      const isStep = isPair(owner) && isScalar(owner.key) && owner.key.value === 'steps';
      out.push({ pair: pair as Pair, map, isStep });
    },
  });
  return out;
}
