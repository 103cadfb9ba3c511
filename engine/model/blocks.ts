/**
 * The block tree of a flow: its structure as nested blocks, computed once from the document
 * (issue #10: the parallel-region analysis was written separately in validation, the exporters, the
 * importers, the runtime and the canvas).
 *
 * Shape:
 * ```
 * BlockTree
 *   scopes: ScopeBlock[]            the flow's `steps`, then each map body (pre-order, document order)
 *     ScopeBlock  { map?, path, start?, steps, edges, blocks, parallels: ParallelBlock[], maps: ScopeBlock[] }
 *       ParallelBlock { parallel, join?, branches: BranchBlock[], members, parent?, children }
 *         BranchBlock { index, entry, steps, ends, reachesJoin }
 *   parallels: parallel step id → its ParallelBlock
 *   innermost: step id → the smallest ParallelBlock whose members hold it
 * ```
 * A sequence is what `edges` links inside a scope; a branch/choice step is a step with several
 * edges; a map body is a nested ScopeBlock; a parallel region is fork (the parallel step) →
 * branches → join.
 *
 * Algorithm. DESIGN.md "Validation": flows are block-structured: every parallel closes at its join,
 * every map is nested. (1) Scopes: the flow and, recursively, each map step's `steps`. (2) Edges of a
 * scope: every reference of a step (model/step-references.ts) to a step of the same scope, each
 * target once, a parallel's `join` included (a parallel continues at its join). (3) A branch's
 * steps: everything reachable from its entry along the edges without going past the join (a
 * depth-first walk with an explicit stack, so 20,000-step chains stay off the call stack; walk
 * order is kept, validation names the first problem it meets). (4) Nesting: a parallel's block is
 * inside the smallest other block whose members hold the parallel step; blocks are visited from the
 * smallest up, so each step is claimed by its innermost block — the single-entry/single-exit region
 * nesting of the program structure tree (Johnson, Pearson, Pingali, PLDI 1994), for the regions
 * Flowsmith's format declares instead of ones found by dominance. Cost: O(steps + Σ branch regions).
 *
 * Tolerant: validate/ builds the tree before the schema check passes, so any parsed document is
 * accepted: steps that are not mappings are left out, mistyped fields ignored, and a parallel whose
 * `join` names no step of its scope gets branches with no steps (validation reports FS011 for it).
 * Not cached: importers change flows in place and build the tree again.
 */
import { isSameScope, visitReferences } from './step-references.js';
import type { StepId } from './flow.js';

/** A step as the tree reads it: any parsed mapping. */
export type StepRecord = Readonly<Record<string, unknown>>;

/** A path into the flow document: map keys and array indexes. */
export type BlockPath = readonly (string | number)[];

/** One `steps` map: the flow's own, or a map step's body. */
export interface ScopeBlock {
  kind: 'scope';
  /** The map step whose body this is; undefined for the flow's top level. */
  map: StepId | undefined;
  /** The enclosing scope; undefined for the top level. */
  parent: ScopeBlock | undefined;
  /** Path of the `steps` map: `['steps']`, `['steps', 'each-host', 'steps']`. */
  path: BlockPath;
  /** Path of the scope's `start` field. */
  startPath: BlockPath;
  start: StepId | undefined;
  /** The steps that are mappings, in document order, as read (typed callers look them up in the Flow). */
  steps: ReadonlyMap<StepId, StepRecord>;
  /** Each step's targets in this scope, each once, `join` included; unknown ids are not edges. */
  edges: ReadonlyMap<StepId, readonly StepId[]>;
  /** Every parallel block of this scope, nested ones included, in document order of their parallel steps. */
  blocks: ParallelBlock[];
  /** The blocks of `blocks` that no other block holds (the outermost ones), in document order. */
  parallels: ParallelBlock[];
  /** The bodies of this scope's map steps, in document order. */
  maps: ScopeBlock[];
}

/** A parallel region: the parallel step, its branches, and the join where they meet. */
export interface ParallelBlock {
  kind: 'parallel';
  parallel: StepId;
  /** The `join` field when it names a step of the scope (of whatever type); else undefined. */
  join: StepId | undefined;
  /** One per `branches` entry that names a step of the scope (`index` is its place in the list). */
  branches: BranchBlock[];
  /** Every step of every branch, the join not included (the parallel only when a loop leads back to it). */
  members: ReadonlySet<StepId>;
  scope: ScopeBlock;
  /** The smallest block of the same scope whose members hold this parallel step. */
  parent: ParallelBlock | undefined;
  /** Blocks whose parent this is, in document order of their parallel steps. */
  children: ParallelBlock[];
}

/** One branch of a parallel. */
export interface BranchBlock {
  /** Index in the parallel's `branches`. */
  index: number;
  entry: StepId;
  /** Steps reached from `entry` before the join, in walk order, `entry` first; the join not included. */
  steps: StepId[];
  /** Steps of `steps` where a path ends (no edge in the scope): succeed, fail, or a step without next. */
  ends: StepId[];
  /** True when some path of the branch reaches the join. */
  reachesJoin: boolean;
}

/** The whole tree. */
export interface BlockTree {
  /** Every scope, outermost first: the top level, then map bodies in pre-order. */
  scopes: ScopeBlock[];
  /** The block of every parallel step (by id; ids are unique across the flow when it is valid). */
  parallels: ReadonlyMap<StepId, ParallelBlock>;
  /** For each step inside some parallel region, the innermost such block. */
  innermost: ReadonlyMap<StepId, ParallelBlock>;
}

/**
 * The scopes of `flow` alone, outermost first, with their edges; `blocks` and `parallels` are left empty. For
 * checks that need no parallel regions (validate/ runs several). Pure; never throws.
 */
export function flowScopes(flow: unknown): ScopeBlock[] {
  const scopes: ScopeBlock[] = [];
  const visit = (owner: unknown, ownerPath: BlockPath, map: StepId | undefined, parent: ScopeBlock | undefined) => {
    if (!isObject(owner) || !isObject(owner['steps'])) return;
    const path = [...ownerPath, 'steps'];
    const steps = new Map<StepId, StepRecord>();
    for (const [id, step] of Object.entries(owner['steps'])) if (isObject(step)) steps.set(id, step);
    const start = typeof owner['start'] === 'string' ? owner['start'] : undefined;
    let edges: ReadonlyMap<StepId, readonly StepId[]> | undefined;
    const scope: ScopeBlock = {
      kind: 'scope',
      map,
      parent,
      path,
      startPath: [...ownerPath, 'start'],
      start,
      steps,
      // Computed on first use: most of validate/'s checks read the scopes and never the edges.
      get edges() {
        return (edges ??= edgesOf(steps));
      },
      blocks: [],
      parallels: [],
      maps: [],
    };
    scopes.push(scope);
    parent?.maps.push(scope);
    for (const [id, step] of steps) if (step['type'] === 'map') visit(step, [...path, id], id, scope);
  };
  visit(flow, [], undefined, undefined);
  return scopes;
}

/** Builds the block tree of `flow` (a Flow, or any parsed document). Pure; never throws. */
export function blockTree(flow: unknown): BlockTree {
  const scopes = flowScopes(flow);
  const parallels = new Map<StepId, ParallelBlock>();
  const innermost = new Map<StepId, ParallelBlock>();
  for (const scope of scopes) {
    const blocks: ParallelBlock[] = [];
    for (const [id, step] of scope.steps) {
      if (step['type'] !== 'parallel') continue;
      const block = parallelBlock(scope, id, step);
      blocks.push(block);
      if (!parallels.has(id)) parallels.set(id, block);
    }
    nest(blocks, innermost);
    scope.blocks = blocks;
    scope.parallels = blocks.filter((b) => b.parent === undefined);
  }
  return { scopes, parallels, innermost };
}

/**
 * Ids reachable from `from` along `edges`, not going past `stopAt` (which is included when
 * reached), in walk order: depth first with an explicit stack.
 */
export function reachableFrom(edges: ReadonlyMap<StepId, readonly StepId[]>, from: Iterable<StepId>, stopAt?: StepId): Set<StepId> {
  const seen = new Set<StepId>();
  const stack = [...from].filter((id) => edges.has(id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (id === stopAt) continue;
    for (const next of edges.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

function edgesOf(steps: ReadonlyMap<StepId, StepRecord>): Map<StepId, StepId[]> {
  const edges = new Map<StepId, StepId[]>();
  for (const [id, step] of steps) {
    const targets: StepId[] = [];
    visitReferences(step, (kind, to) => {
      if (isSameScope(kind) && steps.has(to) && !targets.includes(to)) targets.push(to);
    });
    edges.set(id, targets);
  }
  return edges;
}

function parallelBlock(scope: ScopeBlock, id: StepId, s: StepRecord): ParallelBlock {
  const join = typeof s['join'] === 'string' && scope.steps.has(s['join']) ? s['join'] : undefined;
  const entries = Array.isArray(s['branches']) ? (s['branches'] as unknown[]) : [];
  const branches: BranchBlock[] = [];
  const members = new Set<StepId>();
  entries.forEach((entry, index) => {
    if (typeof entry !== 'string' || !scope.steps.has(entry)) return;
    if (join === undefined) {
      branches.push({ index, entry, steps: [], ends: [], reachesJoin: false });
      return;
    }
    const seen = reachableFrom(scope.edges, [entry], join);
    const steps = [...seen].filter((s) => s !== join);
    for (const s of steps) members.add(s);
    const ends = steps.filter((s) => (scope.edges.get(s) ?? []).length === 0);
    branches.push({ index, entry, steps, ends, reachesJoin: seen.has(join) });
  });
  return { kind: 'parallel', parallel: id, join, branches, members, scope, parent: undefined, children: [] };
}

/** Sets parent, children and `innermost` for the blocks of one scope, smallest blocks first. */
function nest(blocks: ParallelBlock[], innermost: Map<StepId, ParallelBlock>): void {
  const byParallel = new Map(blocks.map((b) => [b.parallel, b]));
  const order = blocks.map((b, i) => ({ b, i })).sort((x, y) => x.b.members.size - y.b.members.size || x.i - y.i);
  for (const { b: block } of order) {
    for (const member of block.members) {
      if (!innermost.has(member)) innermost.set(member, block);
      const inner = byParallel.get(member);
      if (inner && inner !== block && inner.parent === undefined && !isAncestor(inner, block)) inner.parent = block;
    }
  }
  for (const block of blocks) block.parent?.children.push(block);
}

/** True when `block` is `of` or encloses it (guards against a loop making two blocks hold each other). */
function isAncestor(block: ParallelBlock, of: ParallelBlock): boolean {
  for (let b: ParallelBlock | undefined = of; b; b = b.parent) if (b === block) return true;
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
