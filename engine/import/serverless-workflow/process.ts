/**
 * Serverless Workflow `run` tasks (dsl-reference.md "Run": shell, script, workflow, container) as
 * native tasks (DESIGN.md "Executors"): shell → shell, a JavaScript script → script, workflow → call
 * of a flow file, container → a `docker run` shell command; anything Flowsmith cannot run becomes a
 * labelled placeholder script that fails until someone replaces it.
 */
import type { Json } from '../../model/flow.js';
import { SHELL_ARG_PREFIX } from '../../interop/serverless-workflow/conventions.js';
import { findTemplates } from '../../expr/templates.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, report, type TaskEnv, type TaskResult } from './common.js';
import { runtimeExpression } from './expressions.js';
import { nativeValue } from './tasks.js';
import { shellWords } from './values.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Imports a run task. */
export function importRun(env: TaskEnv): TaskResult {
  const run = obj(env.task['run']);
  if (run['await'] === false) report(env, SwImportCode.processApproximated, 'await: false has no native equivalent: the step waits for the process');
  const ret = run['return'];
  if (ret !== undefined && ret !== 'stdout' && ret !== 'all') {
    report(env, SwImportCode.processApproximated, `return ${String(ret)}: the native output is the parsed stdout or {exitCode, stdout, stderr}`, 'info');
  }
  if (run['shell'] !== undefined) return shellTask(env, obj(run['shell']));
  if (run['script'] !== undefined) return scriptTask(env, obj(run['script']));
  if (run['workflow'] !== undefined) {
    const wf = obj(run['workflow']);
    const call: { flow: string; input?: Json } = { flow: `${String(wf['name'] ?? 'subflow')}.yaml` };
    if (wf['input'] !== undefined) call.input = nativeValue(env, wf['input'], 'input');
    if (!env.ctx.isFlowsmithExport) {
      const from = `${String(wf['namespace'] ?? '')}/${String(wf['name'] ?? '')}`;
      report(env, SwImportCode.processApproximated, `run workflow ${from} became a call of ${call.flow} next to this flow (namespace and version dropped)`, 'info');
    }
    return addSimpleStep(env, { type: 'task', call });
  }
  if (run['container'] !== undefined) return dockerRun(env, obj(run['container']));
  return placeholder(env, 'run (unknown process)');
}

function shellTask(env: TaskEnv, shell: Obj): TaskResult {
  let command = String(nativeValue(env, shell['command'] ?? '', 'command'));
  const args = shell['arguments'];
  if (Array.isArray(args)) command += ` ${shellWords(args.map(String))}`;
  else if (args !== undefined) report(env, SwImportCode.processApproximated, 'named shell arguments have no native equivalent; dropped');
  const spec: { command: string; env?: Record<string, string> } = { command };
  if (shell['environment'] !== undefined) {
    const vars = nativeValue(env, shell['environment'], 'environment') as Record<string, Json>;
    spec.command = inlineShellArgs(command, vars);
    if (Object.keys(vars).length > 0) spec.env = vars as Record<string, string>;
  }
  return addSimpleStep(env, { type: 'task', shell: spec });
}

function scriptTask(env: TaskEnv, script: Obj): TaskResult {
  const language = String(script['language'] ?? '');
  if (!/^(js|javascript)$/i.test(language) || typeof script['code'] !== 'string') {
    const source = typeof script['code'] === 'string' ? '' : ', external source';
    return placeholder(env, `run script (${language || 'no language'}${source})`);
  }
  const extras = ['arguments', 'environment', 'stdin'].filter((k) => script[k] !== undefined);
  if (!env.ctx.isFlowsmithExport || extras.length > 0) {
    const dropped = extras.length > 0 ? `; ${extras.join(', ')} dropped` : '';
    report(env, SwImportCode.processApproximated, `the script now runs in Flowsmith's JavaScript worker, whose output is its last value (not stdout)${dropped}`);
  }
  return addSimpleStep(env, { type: 'task', script: script['code'] });
}

/**
 * Puts the exporter's `FLOWSMITH_ARG_n` values back into the command as `{{ expr }}` (removing
 * them from `vars`): the native shell executor passes them through the environment again at run
 * time, with the same quoting (engine/expr/shell.ts), so the round trip gives the original command.
 */
function inlineShellArgs(command: string, vars: Record<string, Json>): string {
  let out = command;
  for (const [name, value] of Object.entries(vars)) {
    if (!name.startsWith(SHELL_ARG_PREFIX) || typeof value !== 'string' || !/^\{\{ [^]*\}\}$/.test(value)) continue;
    if (findTemplates(value).length !== 1) continue;
    for (const ref of [`'"\${${name}}"'`, `"\${${name}}"`, `\${${name}}`]) out = out.split(ref).join(value);
    delete vars[name];
  }
  return out;
}

/** A container as `docker run`; its environment stays in the step's env (`-e NAME` passes it on). */
function dockerRun(env: TaskEnv, c: Obj): TaskResult {
  const words = ['docker', 'run', '--rm'];
  const dropped: string[] = [];
  if (typeof c['name'] === 'string' && runtimeExpression(c['name']) === undefined) words.push('--name', c['name']);
  else if (c['name'] !== undefined) dropped.push('name');
  const environment = obj(c['environment']);
  for (const k of Object.keys(environment)) words.push('-e', k);
  for (const [h, ctr] of Object.entries(obj(c['volumes']))) words.push('-v', `${h}:${String(ctr)}`);
  for (const [h, ctr] of Object.entries(obj(c['ports']))) words.push('-p', `${h}:${String(ctr)}`);
  words.push(String(c['image'] ?? 'image'));
  for (const k of ['lifetime', 'pullPolicy', 'stdin', 'arguments']) if (c[k] !== undefined) dropped.push(k);
  const warning = '# Imported from Serverless Workflow run.container: check this docker command before running it.';
  let command = `${warning}\n${shellWords(words)}`;
  if (typeof c['command'] === 'string') command += ` sh -c ${shellWords([c['command'].trim()])}`;
  const spec: { command: string; env?: Record<string, string> } = { command };
  if (Object.keys(environment).length > 0) spec.env = nativeValue(env, environment, 'environment') as Record<string, string>;
  const lost = dropped.length > 0 ? `; ${dropped.join(', ')} dropped` : '';
  report(env, SwImportCode.processApproximated, `run container became a docker run shell command${lost}`);
  return addSimpleStep(env, { type: 'task', shell: spec });
}

/** A task Flowsmith cannot run: a script that fails with a clear message and carries the original. */
export function placeholder(env: TaskEnv, what: string): TaskResult {
  const original = JSON.stringify({ [env.name]: env.task });
  const code = [
    `// PLACEHOLDER imported from Serverless Workflow: ${what} has no Flowsmith executor.`,
    `// Replace this script with the real work. Original task: ${original}`,
    `throw new Error(${JSON.stringify(`placeholder for Serverless Workflow ${what} (task ${env.name}): replace this script`)});`,
  ].join('\n');
  report(env, SwImportCode.placeholderCall, `${what} has no native executor: imported as a placeholder script that fails until replaced`);
  return addSimpleStep(env, { type: 'task', script: code });
}
