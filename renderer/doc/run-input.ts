/**
 * The Run dialog's prefilled input, from the flow's `inputs` JSON Schema (DESIGN.md: defaults
 * are applied; required fields must be given).
 */
import type { Flow, Json, JsonObject } from '../../engine/model/flow';

function placeholder(schema: JsonObject): Json {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] ?? null;
  switch (schema.type) {
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '';
  }
}

/**
 * An input object holding every property with a default (its default) and every required
 * property without one (an empty value of its type, or the first enum value).
 */
export function defaultRunInput(flow: Flow): JsonObject {
  const schema = flow.inputs;
  const props = schema?.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [];
  const out: JsonObject = {};
  for (const [name, raw] of Object.entries(props)) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    if (raw.default !== undefined) out[name] = raw.default;
    else if (required.includes(name)) out[name] = placeholder(raw);
  }
  return out;
}
