/**
 * The flow's `inputs` (a JSON Schema of the run input, DESIGN.md "The flow document") as a list of
 * properties the inspector edits as a form: name, type, enum, default, required, description.
 * Pure: every edit returns a new `inputs`, keeping property order and any schema keywords the form
 * does not know (pattern, minimum…), so hand-written schemas survive.
 */
import type { Json, JsonObject } from '../../engine/model/flow';

/** JSON Schema types a run input property can have. */
export const inputTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array'] as const;

/** One property of `inputs.properties`, as the form shows it. */
export interface InputProperty {
  name: string;
  type?: string;
  enum?: Json[];
  default?: Json;
  description?: string;
  isRequired: boolean;
}

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function propsOf(inputs: JsonObject | undefined): JsonObject {
  return inputs && isObj(inputs.properties) ? inputs.properties : {};
}

function requiredOf(inputs: JsonObject | undefined): string[] {
  return inputs && Array.isArray(inputs.required) ? inputs.required.filter((r): r is string => typeof r === 'string') : [];
}

/** The properties of `inputs`, in document order. */
export function inputProperties(inputs: JsonObject | undefined): InputProperty[] {
  const required = requiredOf(inputs);
  return Object.entries(propsOf(inputs)).map(([name, schema]) => {
    const s = isObj(schema) ? schema : {};
    const p: InputProperty = { name, isRequired: required.includes(name) };
    if (typeof s.type === 'string') p.type = s.type;
    if (Array.isArray(s.enum)) p.enum = s.enum;
    if (s.default !== undefined) p.default = s.default;
    if (typeof s.description === 'string') p.description = s.description;
    return p;
  });
}

/** `inputs` with its properties and required list replaced; undefined when no property is left and nothing else is. */
function rebuild(inputs: JsonObject | undefined, properties: JsonObject, required: string[]): JsonObject | undefined {
  const out: JsonObject = { type: 'object', ...(inputs ?? {}), properties };
  if (required.length > 0) out.required = required;
  else delete out.required;
  if (Object.keys(properties).length === 0) {
    delete out.properties;
    const rest = Object.keys(out).filter((k) => k !== 'type');
    if (rest.length === 0) return undefined;
  }
  return out;
}

/**
 * Sets fields of property `name` (creating it at the end when missing). `undefined` removes a
 * keyword; `isRequired` adds or removes the name in `required`.
 */
export function setInputProperty(
  inputs: JsonObject | undefined,
  name: string,
  patch: Partial<Omit<InputProperty, 'name'>>,
): JsonObject | undefined {
  const props = propsOf(inputs);
  const schema: JsonObject = { ...(isObj(props[name]) ? props[name] : {}) };
  for (const key of ['type', 'enum', 'default', 'description'] as const) {
    if (!(key in patch)) continue;
    const value = patch[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete schema[key];
    else schema[key] = value;
  }
  let required = requiredOf(inputs);
  if (patch.isRequired === true && !required.includes(name)) required = [...required, name];
  if (patch.isRequired === false) required = required.filter((r) => r !== name);
  return rebuild(inputs, { ...props, [name]: schema }, required);
}

/** Adds a string property with a fresh name (`param1`, `param2`…); returns the new inputs and the name. */
export function addInputProperty(inputs: JsonObject | undefined): { inputs: JsonObject; name: string } {
  const props = propsOf(inputs);
  let n = 1;
  while (Object.hasOwn(props, `param${n}`)) n++;
  const name = `param${n}`;
  return { inputs: setInputProperty(inputs, name, { type: 'string' })!, name };
}

/** Renames a property in place (same position, same required flag). A taken or empty `to` changes nothing. */
export function renameInputProperty(inputs: JsonObject | undefined, from: string, to: string): JsonObject | undefined {
  const props = propsOf(inputs);
  if (from === to || !to || !Object.hasOwn(props, from) || Object.hasOwn(props, to)) return inputs;
  const renamed: JsonObject = {};
  for (const [k, v] of Object.entries(props)) renamed[k === from ? to : k] = v;
  return rebuild(inputs, renamed, requiredOf(inputs).map((r) => (r === from ? to : r)));
}

/** Removes a property and its required entry. */
export function removeInputProperty(inputs: JsonObject | undefined, name: string): JsonObject | undefined {
  const { [name]: _gone, ...rest } = propsOf(inputs);
  return rebuild(inputs, rest, requiredOf(inputs).filter((r) => r !== name));
}

/**
 * A value typed into the form, read as the property's type: numbers for number/integer, true/false
 * for boolean, JSON for object/array, the text itself for strings. `undefined` for empty text or text
 * that is not such a value (the form keeps the draft and marks it).
 */
export function parseInputValue(text: string, type: string | undefined): Json | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (type === 'number' || type === 'integer') {
    const n = Number(t);
    return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined;
  }
  if (type === 'boolean') return t === 'true' ? true : t === 'false' ? false : undefined;
  if (type === 'object' || type === 'array') {
    try {
      const v = JSON.parse(t) as Json;
      return (type === 'array') === Array.isArray(v) && typeof v === 'object' && v !== null ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return text;
}

/** The text the form shows for a value (strings as they are, others as JSON). */
export function formatInputValue(value: Json | undefined): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}
