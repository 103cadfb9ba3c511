/**
 * Steps and dag templates as blocks. A steps template is a list of groups run one after the other,
 * the steps of a group at once (https://argo-workflows.readthedocs.io/en/latest/walk-through/steps/).
 * A DAG is read as nested series and parallel blocks (series-parallel decomposition), the shape
 * Flowsmith flows have (DESIGN.md: "every parallel closes at its join"); a DAG that is not one
 * (`a→c, a→d, b→d`) is put in one topological sequence with a finding (FS226).
 * Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/.
 */
import { seq, type Block } from './blocks.js';
import { ArgoImportCode } from './codes.js';
import type { Frame, ImportContext } from './context.js';
import { dependencyOf, type Dependency } from './depends.js';
import { expandCall, outputKind, parallelOf, type Call } from './expand.js';
import { arr, obj, str, type Obj } from './source.js';

/** The block of steps or dag template `tmpl`, inlined in `frame`; step ids start with `prefix`. */
export function templateBlock(ctx: ImportContext, tmpl: Obj, frame: Frame, prefix: string): Block {
  return tmpl['dag'] !== undefined ? dagBlock(ctx, tmpl, frame, prefix) : stepsBlock(ctx, tmpl, frame, prefix);
}

/** Hands out the step id of each call and registers its name for `steps.<name>`/`tasks.<name>`. */
function calls(ctx: ImportContext, raws: Obj[], frame: Frame, prefix: string): Call[] {
  return raws.map((raw) => {
    const name = str(raw['name']) ?? 'step';
    const id = ctx.ids.take(prefix === '' ? name : `${prefix}-${name}`);
    frame.names.set(name, { id, output: outputKind(ctx, raw) });
    return { name, id, raw };
  });
}

function stepsBlock(ctx: ImportContext, tmpl: Obj, frame: Frame, prefix: string): Block {
  const groups = arr(tmpl['steps']).map((g) => (Array.isArray(g) ? g : [g]).map(obj).filter((s): s is Obj => s !== undefined));
  const allCalls = calls(ctx, groups.flat(), frame, prefix);
  let next = 0;
  const blocks = groups.map((group) => {
    const members = allCalls.slice(next, (next += group.length));
    const joined = members.map((c) => c.id).join('-');
    const id = joined.length <= 32 ? joined : `${members[0]!.id}-group`;
    return parallelOf(id, members.map((c) => expandCall(ctx, c, frame, templateBlock)));
  });
  return seq(blocks);
}

function dagBlock(ctx: ImportContext, tmpl: Obj, frame: Frame, prefix: string): Block {
  const name = str(tmpl['name']) ?? '?';
  const dag = obj(tmpl['dag']) ?? {};
  const tasks = calls(ctx, arr(dag['tasks']).map(obj).filter((t): t is Obj => t !== undefined), frame, prefix);
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const idOf = (n: string) => byName.get(n)?.id ?? n;
  const deps = new Map<string, Dependency>();
  const failing = new Set<string>();
  for (const t of tasks) {
    const dep = dependencyOf(t.raw, idOf);
    const unknown = dep.on.filter((n) => !byName.has(n));
    if (unknown.length) ctx.report(ArgoImportCode.depends, t.id, `task ${t.name} depends on ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in DAG ${name}; ignored`, { at: name });
    dep.on = dep.on.filter((n) => byName.has(n) && n !== t.name);
    if (dep.anyOf) ctx.report(ArgoImportCode.depends, t.id, `task ${t.name} runs in Argo when any of ${dep.on.join(', ')} succeeded; it now waits for all of them to succeed`, { at: name });
    if (dep.condition) ctx.report(ArgoImportCode.depends, t.id, `task ${t.name} depends on task results (${str(t.raw['depends'])}); a branch checks their statuses before it`, { severity: 'info', at: name });
    dep.onFailure.forEach((n) => failing.add(n));
    deps.set(t.name, dep);
  }
  // A task allowed to fail (so a .Failed dependant runs) must not let its plain dependants run after a failure.
  for (const t of tasks) {
    const dep = deps.get(t.name)!;
    const exposed = dep.condition === undefined ? dep.on.filter((n) => failing.has(n)) : [];
    if (exposed.length) dep.condition = exposed.map((n) => `$steps.${quoteId(idOf(n))}.status != "failed"`).join(' and ');
  }
  // Expanded once: the decomposition may try several cuts before it settles.
  const built = new Map<string, Block>();
  const node = (n: string): Block => {
    const done = built.get(n);
    if (done) return done;
    const call = byName.get(n)!;
    const dep = deps.get(n)!;
    const block = expandCall(ctx, dep.condition === undefined ? call : { ...call, condition: dep.condition }, frame, templateBlock);
    if (failing.has(n)) allowFailure(block, call.id);
    built.set(n, block);
    return block;
  };
  const graph = new DagGraph(tasks.map((t) => t.name), (n) => deps.get(n)!.on);
  const cyclic = tasks.filter((t) => graph.dependsOnItself(t.name)).map((t) => t.name);
  if (cyclic.length) ctx.report(ArgoImportCode.notBlockStructured, undefined, `tasks ${cyclic.join(', ')} of DAG ${name} depend on each other in a cycle, which Argo rejects; they were put in an order that breaks it`, { at: name });
  const shaped = graph.decompose(graph.all(), node);
  if (shaped) return shaped;
  ctx.report(
    ArgoImportCode.notBlockStructured,
    undefined,
    `DAG ${name} is not made of nested parallel blocks, which Flowsmith flows are; its tasks run one after the other in dependency order`,
    { at: name },
  );
  return seq(graph.topological(graph.all()).map(node));
}

function quoteId(id: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? id : `\`${id}\``;
}

/** Sets continueOnError on the step `id` of a block (the task a .Failed dependant waits for). */
function allowFailure(block: Block, id: string): void {
  if (block.kind === 'step' && block.id === id) block.step.continueOnError = true;
  else if (block.kind === 'gate') allowFailure(block.body, id);
}

/** The dependency graph of a DAG's tasks, and its series-parallel decomposition. */
class DagGraph {
  private readonly preds = new Map<string, Set<string>>();

  constructor(
    private readonly order: string[],
    depsOf: (n: string) => string[],
  ) {
    for (const n of order) this.preds.set(n, new Set(depsOf(n)));
  }

  all(): Set<string> {
    return new Set(this.order);
  }

  /** Nested series/parallel blocks for `set`, or undefined when it is not series-parallel. */
  decompose(set: Set<string>, node: (n: string) => Block): Block | undefined {
    if (set.size === 0) return seq([]);
    const components = this.components(set);
    if (components.length > 1) {
      const parts = components.map((c) => this.decompose(c, node));
      if (parts.some((p) => p === undefined)) return undefined;
      return parallelOf(`${[...set][0]!}-fork`, parts as Block[]);
    }
    const sources = [...set].filter((n) => ![...this.preds.get(n)!].some((p) => set.has(p)));
    if (sources.length === 1) {
      const [source] = sources as [string];
      const rest = this.decompose(new Set([...set].filter((n) => n !== source)), node);
      return rest === undefined ? undefined : seq([node(source), rest]);
    }
    // Several sources: cut where everything after depends on everything before.
    const ordered = this.topological(set);
    for (let k = 1; k < ordered.length; k++) {
      const upper = new Set(ordered.slice(0, k));
      const lower = new Set(ordered.slice(k));
      if (!this.isCut(upper, lower)) continue;
      const before = this.decompose(upper, node);
      const after = before === undefined ? undefined : this.decompose(lower, node);
      if (before !== undefined && after !== undefined) return seq([before, after]);
    }
    return undefined;
  }

  /** True when `n` waits, through its dependencies, for itself. */
  dependsOnItself(n: string): boolean {
    return this.ancestors(n).has(n);
  }

  /** Every task of `lower` waits, directly or not, for every task of `upper`. */
  private isCut(upper: Set<string>, lower: Set<string>): boolean {
    return [...lower].every((n) => [...upper].every((u) => this.ancestors(n).has(u)));
  }

  private ancestors(n: string, seen = new Set<string>()): Set<string> {
    for (const p of this.preds.get(n) ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      this.ancestors(p, seen);
    }
    return seen;
  }

  /** `set` in an order where every task comes after the tasks it depends on (stable; cycles broken). */
  topological(set: Set<string>): string[] {
    const out: string[] = [];
    const done = new Set<string>();
    const visiting = new Set<string>();
    const visit = (n: string) => {
      if (done.has(n) || visiting.has(n)) return;
      visiting.add(n);
      for (const p of this.preds.get(n) ?? []) if (set.has(p)) visit(p);
      visiting.delete(n);
      done.add(n);
      out.push(n);
    };
    for (const n of this.order) if (set.has(n)) visit(n);
    return out;
  }

  private components(set: Set<string>): Set<string>[] {
    const seen = new Set<string>();
    const out: Set<string>[] = [];
    for (const start of this.order) {
      if (!set.has(start) || seen.has(start)) continue;
      const component = new Set<string>();
      const queue = [start];
      for (let n = queue.pop(); n !== undefined; n = queue.pop()) {
        if (seen.has(n)) continue;
        seen.add(n);
        component.add(n);
        for (const p of this.preds.get(n) ?? []) if (set.has(p)) queue.push(p);
        for (const [m, ps] of this.preds) if (set.has(m) && ps.has(n)) queue.push(m);
      }
      out.push(component);
    }
    return out;
  }
}
