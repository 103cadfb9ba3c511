import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../engine/model/flow';
import {
  addInputProperty,
  inputProperties,
  parseInputValue,
  removeInputProperty,
  renameInputProperty,
  setInputProperty,
} from './input-schema';

const deploy: JsonObject = {
  type: 'object',
  properties: {
    environment: { type: 'string', enum: ['dev', 'production'], default: 'dev', pattern: '^[a-z]+$' },
    version: { type: 'string' },
  },
  required: ['version'],
};

describe('inputs as a form', () => {
  it('lists properties in order with their required flag', () => {
    expect(inputProperties(deploy)).toEqual([
      { name: 'environment', type: 'string', enum: ['dev', 'production'], default: 'dev', isRequired: false },
      { name: 'version', type: 'string', isRequired: true },
    ]);
    expect(inputProperties(undefined)).toEqual([]);
  });

  it('creates inputs from nothing and removes them again when the last property goes', () => {
    const { inputs, name } = addInputProperty(undefined);
    expect(name).toBe('param1');
    expect(inputs).toEqual({ type: 'object', properties: { param1: { type: 'string' } } });
    expect(addInputProperty(inputs).name).toBe('param2');
    expect(removeInputProperty(inputs, 'param1')).toBeUndefined();
  });

  it('edits keywords and required, keeping keywords the form does not know', () => {
    let inputs = setInputProperty(deploy, 'environment', { default: 'production', isRequired: true, description: 'where' });
    expect(inputs?.required).toEqual(['version', 'environment']);
    expect((inputs?.properties as JsonObject).environment).toEqual({
      type: 'string', enum: ['dev', 'production'], default: 'production', pattern: '^[a-z]+$', description: 'where',
    });
    inputs = setInputProperty(inputs, 'version', { isRequired: false, enum: [] });
    expect(inputs?.required).toEqual(['environment']);
    expect((inputs?.properties as JsonObject).version).toEqual({ type: 'string' });
    expect(deploy.required).toEqual(['version']); // input untouched
  });

  it('renames in place and refuses a taken name', () => {
    const renamed = renameInputProperty(deploy, 'version', 'release');
    expect(Object.keys(renamed?.properties as JsonObject)).toEqual(['environment', 'release']);
    expect(renamed?.required).toEqual(['release']);
    expect(renameInputProperty(deploy, 'version', 'environment')).toBe(deploy);
  });

  it('reads typed values by the property type', () => {
    expect(parseInputValue('3', 'integer')).toBe(3);
    expect(parseInputValue('3.5', 'integer')).toBeUndefined();
    expect(parseInputValue('false', 'boolean')).toBe(false);
    expect(parseInputValue('[1]', 'array')).toEqual([1]);
    expect(parseInputValue('{}', 'array')).toBeUndefined();
    expect(parseInputValue(' dev', 'string')).toBe(' dev');
  });
});
