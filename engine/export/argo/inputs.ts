/**
 * The flow's inputs (a JSON Schema of the run input, DESIGN.md "The flow document") as the
 * workflow's `spec.arguments.parameters`, which Argo shows as the submit form. Argo parameters are
 * text: defaults are written as JSON when they are not strings, and the type checks of the schema
 * are not kept (FS134). Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/parameters/.
 */
import type { Json, JsonObject } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ArgoParameter, ExportContext } from './context.js';

/** Workflow parameters for the flow's inputs, in schema order. */
export function workflowParameters(ctx: ExportContext): ArgoParameter[] {
  const schema = ctx.flow.inputs;
  const properties = asObject(schema?.['properties']);
  if (!properties) return [];
  const required = Array.isArray(schema?.['required']) ? schema['required'].filter((r): r is string => typeof r === 'string') : [];
  const typed: string[] = [];
  const parameters = Object.entries(properties).map(([name, raw]) => {
    const prop = asObject(raw) ?? {};
    const parameter: ArgoParameter = { name };
    if (prop['default'] !== undefined) parameter.value = text(prop['default']);
    else if (!required.includes(name)) parameter.value = '';
    if (Array.isArray(prop['enum'])) parameter.enum = prop['enum'].map(text);
    if (typeof prop['description'] === 'string') parameter.description = prop['description'];
    if (prop['type'] !== undefined && prop['type'] !== 'string') typed.push(name);
    if (!/^[-a-zA-Z0-9_]+$/.test(name)) {
      ctx.report(ArgoExportCode.runData, undefined, `input "${name}" is not a valid Argo parameter name (letters, digits, - and _); rename it`);
    }
    return parameter;
  });
  if (typed.length) {
    ctx.report(
      ArgoExportCode.runData,
      undefined,
      `inputs ${typed.join(', ')} are not strings: Argo parameters are text, so their values arrive as JSON text and the input schema's checks (type, pattern, required) are not applied`,
      { severity: 'info' },
    );
  }
  return parameters;
}

function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function asObject(value: Json | undefined): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
