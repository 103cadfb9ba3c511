/**
 * Where each ASL state's input comes from, in native bindings. ASL passes data implicitly: a
 * state's input is the previous state's output, shaped by InputPath, Parameters, ResultSelector,
 * ResultPath and OutputPath (spec "Input and Output Processing") or by Arguments/Output in JSONata.
 * Native steps read `$input`, `$steps.<id>.output` and `$item` instead, so the input of a state is
 * written as the output of the state before it: `$steps.<pred>.output` for steps that keep an output
 * (their `output` expression does the ASL shaping), or the expression itself for states that only
 * pass data on (Choice, Wait, Parallel).
 */
import { AslImportCode } from './codes.js';
import { isObject, queryLanguageOf, type AslState, type Frame, type ImportContext, type Predecessor } from './context.js';
import { applyPath, mergeAt, payloadToNative, templateToNative } from './expressions.js';
import type { ExprEnv } from './jsonpath.js';

/** Error of a Catcher as ASL's error output (`{Error, Cause}`) from the native `$error`. */
const ERROR_OUTPUT = '{"Error": $error.name, "Cause": $error.message}';

/** Computes state inputs and outputs as native JSONata; memoized per state. */
export class DataFlow {
  private readonly inputs = new Map<string, string>();
  private readonly visiting = new Set<string>();

  constructor(private readonly ctx: ImportContext) {}

  /** An ExprEnv for a field of state `name`, with `input` the state's raw input. */
  env(frame: Frame, name: string, field: string, extra: Partial<ExprEnv> = {}): ExprEnv {
    return {
      ctx: this.ctx,
      input: this.inputOf(frame, name),
      note: (code, message) => this.ctx.reportState(frame, name, code, code === AslImportCode.contextObject ? 'info' : 'warning', `${field}: ${message}`, field),
      ...extra,
    };
  }

  /**
   * The raw input of a state (before InputPath), as native JSONata. With several predecessors it
   * takes the output of one that ran: `$steps.<pred>.status = "succeeded" ? <its output> : …`
   * ("failed" for a Catcher), the entry input last; in a loop, a predecessor that ran in an earlier
   * round also counts, which is reported (FS256).
   */
  inputOf(frame: Frame, name: string): string {
    const key = `${frame.statesPath.join('/')}\u0000${name}`;
    const known = this.inputs.get(key);
    if (known !== undefined) return known;
    if (this.visiting.has(key)) return 'null';
    this.visiting.add(key);
    const guarded: { value: string; guard: string }[] = [];
    for (const pred of frame.preds.get(name) ?? []) {
      const value = this.via(frame, pred);
      const id = frame.ids.get(pred.from);
      if (value === undefined || id === undefined || guarded.some((g) => g.value === value && g.guard.includes(stepRef(id)))) continue;
      guarded.push({ value, guard: `${stepRef(id)}.status = "${pred.via === 'next' ? 'succeeded' : 'failed'}"` });
    }
    this.visiting.delete(key);
    const fallback = name === frame.startAt || guarded.length === 0 ? frame.entryInput() : guarded.pop()!.value;
    const distinct = new Set([...guarded.map((g) => g.value), fallback]);
    const input = distinct.size === 1 ? fallback : guarded.reduceRight((rest, g) => `(${g.guard} ? ${g.value} : ${rest})`, fallback);
    if (distinct.size > 1) {
      this.ctx.reportState(frame, name, AslImportCode.mergedInput, 'info', 'its input comes from several states; it is read from the one that ran (in a loop, the first listed that ran at all)');
    }
    this.inputs.set(key, input);
    return input;
  }

  /** The input after InputPath (JSONPath mode), what Parameters and ItemsPath read. */
  effectiveInput(frame: Frame, name: string): string {
    const state = frame.states[name]!;
    const input = this.inputOf(frame, name);
    if (queryLanguageOf(frame, state) === 'JSONata' || state['InputPath'] === undefined) return input;
    if (state['InputPath'] === null) return '{}';
    return applyPath(input, String(state['InputPath']), this.env(frame, name, 'InputPath'));
  }

  /** A state's output as native JSONata, as the next state sees it. */
  outputOf(frame: Frame, name: string): string {
    const state = frame.states[name];
    if (!state) return 'null';
    const id = frame.ids.get(name);
    switch (state['Type']) {
      case 'Task':
      case 'Pass':
      case 'Map':
        return id ? `${stepRef(id)}.output` : 'null';
      case 'Parallel':
        return this.shape(frame, name, this.parallelResult(frame, name));
      default:
        return this.passThrough(frame, name);
    }
  }

  /**
   * What a state outputs given its raw result `raw` (`$` inside a step's own `output` expression):
   * ResultSelector, then ResultPath into the raw input, then OutputPath; or JSONata Output.
   */
  shape(frame: Frame, name: string, raw: string): string {
    const state = frame.states[name]!;
    const input = this.inputOf(frame, name);
    if (queryLanguageOf(frame, state) === 'JSONata') {
      if (state['Output'] === undefined) return raw;
      return templateToNative(state['Output'], this.env(frame, name, 'Output', { result: raw }));
    }
    const result = state['ResultSelector'] === undefined ? raw : payloadToNative(state['ResultSelector'], this.env(frame, name, 'ResultSelector', { input: raw }));
    const resultPath = state['ResultPath'];
    let effective: string;
    if (resultPath === null) effective = input;
    else if (resultPath === undefined || resultPath === '$') effective = result;
    else effective = mergeAt(input, String(resultPath), result, this.env(frame, name, 'ResultPath'));
    return this.outputPath(frame, name, state, effective);
  }

  /** Output of a state that passes its input on (Choice, Wait, Succeed): InputPath then OutputPath, or JSONata Output. */
  passThrough(frame: Frame, name: string): string {
    const state = frame.states[name]!;
    if (queryLanguageOf(frame, state) === 'JSONata') {
      if (state['Output'] === undefined) return this.inputOf(frame, name);
      return templateToNative(state['Output'], this.env(frame, name, 'Output'));
    }
    return this.outputPath(frame, name, state, this.effectiveInput(frame, name));
  }

  private outputPath(frame: Frame, name: string, state: AslState, value: string): string {
    if (state['OutputPath'] === undefined) return value;
    if (state['OutputPath'] === null) return '{}';
    return applyPath(value, String(state['OutputPath']), this.env(frame, name, 'OutputPath'));
  }

  /** A Parallel's raw result: the array of its branches' outputs. */
  parallelResult(frame: Frame, name: string): string {
    return `[${(frame.children.get(name) ?? []).map((b) => this.branchOutput(b)).join(', ')}]`;
  }

  /** The output of a branch: its last state's (the one with End or Succeed). */
  private branchOutput(branch: Frame): string {
    const ends = Object.entries(branch.states).filter(([, s]) => isObject(s) && (s['End'] === true || s['Type'] === 'Succeed'));
    const [first] = ends;
    return first ? this.outputOf(branch, first[0]) : 'null';
  }

  /** What a predecessor hands on: its output, or for a Catcher the error output placed by ResultPath/Output. */
  private via(frame: Frame, pred: Predecessor): string | undefined {
    if (!frame.states[pred.from]) return undefined;
    if (pred.via === 'next') return this.outputOf(frame, pred.from);
    const state = frame.states[pred.from]!;
    const catcher = pred.catcher;
    if (queryLanguageOf(frame, state) === 'JSONata') {
      if (catcher['Output'] === undefined) return ERROR_OUTPUT;
      return templateToNative(catcher['Output'], this.env(frame, pred.from, 'Catch', { error: true }));
    }
    const path = catcher['ResultPath'];
    if (path === undefined || path === '$') return ERROR_OUTPUT;
    const input = this.inputOf(frame, pred.from);
    if (path === null) return input;
    return mergeAt(input, String(path), ERROR_OUTPUT, this.env(frame, pred.from, 'Catch'));
  }
}

/** `$steps.<id>` with the id quoted when it holds a dash (JSONata would read a minus). */
export function stepRef(id: string): string {
  return `$steps.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(id) ? id : `\`${id}\``}`;
}
