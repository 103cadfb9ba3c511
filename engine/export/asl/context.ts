/**
 * Shared state of one ASL export: the findings, the machine plan, state names (unique across the
 * whole document, as ASL requires) and the ASL variable names that stand for native bindings.
 */
import { flowScopes } from '../../model/blocks.js';
import { createFindings } from '../../model/findings-reporter.js';
import type { Flow, StepId } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { AslCatcher } from './errors.js';
import type { ExportPlan, MachinePlan } from './plan.js';

/** An ASL state as plain JSON (https://states-language.net/spec.html "States"). */
export type AslState = Record<string, unknown>;

/** ASL limits a state name to 80 characters (spec "States": "MUST NOT exceed 80 Unicode characters"). */
const MAX_NAME = 80;

/** Variable names the exporter assigns itself; native vars with these names are renamed. */
const RESERVED = /^(input|error|item\d*|index\d*|fs_.*|states)$/;

/** Everything the builders share while exporting one flow. */
export class ExportContext {
  /** JSON pointer of each step in the flow document (`/steps/each/steps/ping`), for findings. */
  private readonly pointers = new Map<StepId, string>();
  private readonly reporter = createFindings<AslExportCode, string>({ pointer: (at) => at, placeOf: (step) => this.pointers.get(step) });
  readonly findings = this.reporter.findings;
  /** Records a finding about `step` (or the flow); `at` (a JSON pointer) defaults to the step's place in the flow. */
  readonly report = this.reporter.report;
  /** True once an expression reads `$input`: the first state then assigns the `input` variable. */
  usesInput = false;
  /** True once an expression reads `$error`: every Catch then assigns the `error` variable. */
  usesError = false;
  /** States built for each step (a step copied into several branches has several), to add Assign later. */
  readonly statesOf = new Map<StepId, AslState[]>();
  /** Output variables to assign on a step's state: ASL variable name → JSONata of the kept output. */
  readonly outputVars = new Map<StepId, string>();
  /** JSONata (in the step's own state) for each step's kept output, what `$steps.<id>.output` means. */
  readonly keptOutputs = new Map<StepId, string>();
  /** Branch-end outputs read after their Parallel: assigned on the Parallel from `$states.result[branch]`. */
  readonly branchResultVars = new Map<StepId, { parallel: StepId; branch: number; name: string }>();
  /** Keys of map body machines whose steps read `$item`/`$index`: they get an item Pass state. */
  readonly itemUses = new Set<string>();
  /** Every Catcher built, to give each an `Assign` of `$error` when some expression reads it. */
  readonly catchers: AslCatcher[] = [];
  private readonly names = new Set<string>();
  private readonly varNames = new Map<string, string>();
  private readonly usedVarNames = new Set<string>();

  constructor(
    readonly flow: Flow,
    readonly plan: ExportPlan,
  ) {
    for (const scope of flowScopes(flow)) {
      for (const id of scope.steps.keys()) this.pointers.set(id, `/${[...scope.path, id].join('/')}`);
    }
  }

  /** Claims a state name, unique in the whole document; `preferred` is shortened or numbered if needed. */
  stateName(preferred: string, step?: StepId): string {
    let base = preferred;
    if ([...base].length > MAX_NAME) {
      base = [...base].slice(0, MAX_NAME - 4).join('');
      this.report(AslExportCode.longName, step, `state name "${preferred}" is longer than ASL's 80 characters; exported as "${base}…"`);
    }
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base.slice(0, MAX_NAME - 6)} (${n})`;
    this.names.add(name);
    return name;
  }

  /** Registers the state built for `step`, so output variables can be assigned on it later. */
  addStateOf(step: StepId, state: AslState): void {
    const list = this.statesOf.get(step) ?? [];
    list.push(state);
    this.statesOf.set(step, list);
  }

  /** The ASL variable that holds native `$vars.<name>` (ASL names: letters, digits, `_`). */
  varName(name: string): string {
    const known = this.varNames.get(`var:${name}`);
    if (known) return known;
    let base = name.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base) || RESERVED.test(base)) base = `var_${base}`;
    if (base !== name) {
      this.report(
        AslExportCode.approximated,
        undefined,
        `variable "${name}" is called $${base} in ASL (ASL variable names use letters, digits and _, and some names are taken by the export)`,
        { severity: 'info' },
      );
    }
    return this.claimVar(`var:${name}`, base);
  }

  /** The ASL variable that holds `$steps.<id>.output` (assigned on the step's state). */
  outputVarName(id: StepId): string {
    return this.claimVar(`out:${id}`, `fs_${id.replace(/[^A-Za-z0-9_]/g, '_')}_output`);
  }

  /** The variable that holds a branch's last output after its Parallel (apart from the in-branch one). */
  branchResultVarName(id: StepId): string {
    return this.claimVar(`branch:${id}`, `fs_${id.replace(/[^A-Za-z0-9_]/g, '_')}_result`);
  }

  /** The ASL variables that hold `$item` and `$index` inside the body of a map at `depth` (1 = outermost). */
  itemVarNames(depth: number): { item: string; index: string } {
    const suffix = depth <= 1 ? '' : String(depth);
    return { item: `item${suffix}`, index: `index${suffix}` };
  }

  /** The machine a step's state lives in (its first one, when copied). */
  machineOf(id: StepId): MachinePlan | undefined {
    return this.plan.home.get(id);
  }

  private claimVar(key: string, base: string): string {
    const known = this.varNames.get(key);
    if (known) return known;
    let name = base;
    for (let n = 2; this.usedVarNames.has(name); n++) name = `${base}_${n}`;
    this.usedVarNames.add(name);
    this.varNames.set(key, name);
    return name;
  }
}
