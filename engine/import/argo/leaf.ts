/**
 * Argo templates that do work, as one native step: container and script templates as `shell`
 * tasks (the image is named in the description, FS222), resource templates as a kubectl command
 * (FS227), suspend templates as approvals or waits (suspend.ts), http templates as `http` tasks.
 * Source: https://argo-workflows.readthedocs.io/en/latest/fields/#template (container, script,
 * resource, suspend, http) and …/walk-through/scripts-and-results/.
 */
import type { ShellSpec, Step, StepId } from '../../model/flow.js';
import { ArgoImportCode } from './codes.js';
import { scopeOf, type Frame, type ImportContext } from './context.js';
import { applyOptions, reportIgnored } from './options.js';
import { quoteWord, scriptBody, SHELLS, shellPath } from './script.js';
import { arr, obj, str, type Obj } from './source.js';
import { httpStep, suspendStep } from './suspend-http.js';
import { translateText } from './text.js';
import { failingCommand, quotedHeredoc, shellWordMin } from '../shell-text.js';
import type { NamedStep } from './vars.js';

/** The native step for leaf template `tmpl` called as `callName`, and what its output looks like. */
export function leafStep(ctx: ImportContext, tmpl: Obj, frame: Frame, id: StepId, callName: string): { step: Step; output: NamedStep['output'] } {
  const name = str(tmpl['name']) ?? '?';
  const text = textTranslator(ctx, frame, name, id);
  reportIgnored(ctx, tmpl, id);
  let step: Step;
  let output: NamedStep['output'] = 'shell';
  const container = obj(tmpl['container']);
  const script = obj(tmpl['script']);
  const resource = obj(tmpl['resource']);
  if (container) {
    step = { type: 'task', shell: containerShell(container, text) };
    reportContainer(ctx, name, id, str(container['image']));
  } else if (script) {
    step = { type: 'task', ...scriptBody(script, text) };
    reportContainer(ctx, name, id, str(script['image']));
  } else if (resource) {
    const action = str(resource['action']) ?? 'apply';
    const manifest = text(str(resource['manifest']) ?? '');
    // The action is one quoted word and no manifest line can end the heredoc (issue #11 item 3).
    const doc = quotedHeredoc(manifest, 'FLOWSMITH_MANIFEST');
    step = { type: 'task', shell: `kubectl ${shellWordMin(action)} -f - ${doc.open}\n${doc.body}\n${doc.close}` };
    ctx.report(
      ArgoImportCode.unsupportedTemplate,
      id,
      `template ${name} is a Kubernetes resource template; it became a kubectl ${action} command, without its success/failure conditions`,
      { at: name },
    );
  } else if (tmpl['suspend'] !== undefined) {
    step = suspendStep(ctx, tmpl, id, text);
    output = 'other';
  } else if (obj(tmpl['http'])) {
    step = httpStep(ctx, tmpl, id, text);
    output = 'http';
  } else {
    const kind = ['data', 'plugin', 'containerSet'].find((k) => tmpl[k] !== undefined) ?? 'empty';
    step = { type: 'task', shell: failingCommand(`Argo ${kind} template ${name} has no Flowsmith equivalent; replace this step`) };
    ctx.report(ArgoImportCode.unsupportedTemplate, id, `template ${name} is a ${kind} template, which Flowsmith cannot run; the step is a placeholder that fails`, { at: name });
  }
  applyOptions(ctx, tmpl, step, id);
  const annotations = obj(obj(tmpl['metadata'])?.['annotations']);
  step.title = str(annotations?.['flowsmith.io/title']) ?? callName;
  const description = str(annotations?.['flowsmith.io/description']) ?? (ctx.nativeExport ? undefined : describe(name, container ?? script, frame.via));
  if (description !== undefined) step.description = description;
  return { step, output };
}

/** Rewrites Argo tags in this template's text; tags without binding are reported (FS225). */
export function textTranslator(ctx: ImportContext, frame: Frame, template: string, step: StepId): (s: string) => string {
  return (s) =>
    translateText(s, scopeOf(frame), (problem, replaced) =>
      ctx.report(ArgoImportCode.variable, step, `template ${template}: ${problem}${replaced ? '; a placeholder ARGO_VAR/ARGO_EXPR text stands in its place' : ''}`, { at: template }),
    );
}

function describe(template: string, pod: Obj | undefined, via: string[]): string {
  const image = str(pod?.['image']);
  const inside = via.length ? ` inside ${via.join(' › ')}` : '';
  return image === undefined ? `Argo template ${template}${inside}` : `Argo template ${template}${inside}, run in container image ${image}`;
}

const reportedTemplates = new WeakMap<ImportContext, Set<string>>();

/** FS222 once per template: the first step that runs it is named. */
function reportContainer(ctx: ImportContext, template: string, step: StepId, image: string | undefined): void {
  if (ctx.nativeExport) return;
  const seen = reportedTemplates.get(ctx) ?? new Set<string>();
  reportedTemplates.set(ctx, seen);
  if (seen.has(template)) return;
  seen.add(template);
  ctx.report(
    ArgoImportCode.container,
    step,
    `template ${template} ran in container image ${image ?? '(none)'}; it is imported as a local shell command, which needs the same tools on this machine`,
    { severity: 'info', at: template },
  );
}

/** A container's command and args as one shell command line. */
function containerShell(container: Obj, text: (s: string) => string): string | ShellSpec {
  const words = [...arr(container['command']), ...arr(container['args'])].map((w) => str(w) ?? '');
  const base = (words[0] ?? '').split('/').pop() ?? '';
  let command: string;
  let shell: string | undefined;
  if (SHELLS.has(base) && words[1] === '-c' && words.length >= 3) {
    command = text(words[2]!);
    shell = shellPath(words[0]!, base);
  } else {
    command = words.map((w) => quoteWord(text(w))).join(' ');
  }
  if (command.trim() === '') command = 'true # the image ran its own entrypoint';
  const spec: ShellSpec = { command };
  if (shell !== undefined) spec.shell = shell;
  const cwd = str(container['workingDir']);
  if (cwd !== undefined) spec.cwd = text(cwd);
  const env = Object.fromEntries(
    arr(container['env'])
      .map((e) => [str(obj(e)?.['name']), str(obj(e)?.['value'])] as const)
      .filter((e): e is [string, string] => e[0] !== undefined && e[1] !== undefined)
      .map(([k, v]) => [k, text(v)]),
  );
  if (Object.keys(env).length) spec.env = env;
  return Object.keys(spec).length === 1 ? command : spec;
}
