/**
 * Executors: the side effects of task steps, one small interface for all (STYLE.md §2).
 * shell, http, script and notify; see README.md beside this file.
 */
import type { Json } from '../model/flow.js';
import type { ExecContext } from './context.js';

export type { ExecContext } from './context.js';
export { StepFailure, abortFailure } from './context.js';
export { runShell, killGroup, KILL_GRACE_MS, DRAIN_MS } from './shell.js';
export { runHttp, redactUrl, MAX_BODY_BYTES } from './http.js';
export type { HttpRequestSpec } from './http.js';
export { runScript, liveScriptWorkers, SCRIPT_LIMIT_MS, SCRIPT_MEMORY_MB } from './script.js';
export type { ScriptInput, ScriptRequest } from './script.js';
export { runNotify } from './notify.js';
export type { NotifyRequest } from './notify.js';
export { NotifyFormat } from './notify-formats.js';
export { KEPT_BYTES } from './capture.js';

/**
 * One executor: takes its spec (after `{{ }}` interpolation) and the attempt's context, resolves
 * with the step's raw output (JSON), rejects with a StepFailure whose name `retry`/`catch` match.
 * Must honour `ctx.signal`: stop the work and reject promptly when it aborts.
 * `Executor<ShellSpec>` types one executor; bare `Executor` accepts any of them (for a registry),
 * and a caller narrows the spec before calling.
 */
export type Executor<Spec = never> = (spec: Spec, ctx: ExecContext) => Promise<Json>;
