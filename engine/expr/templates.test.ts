import { describe, expect, it } from 'vitest';
import type { Bindings } from './evaluate.js';
import { findTemplates, findUnclosedTemplate, interpolateJson, interpolateString } from './templates.js';

const bindings: Bindings = {
  input: { version: '1.4.2', count: 3, tags: ['a', 'b'] },
  vars: { app: 'shop' },
  steps: {},
  run: { id: 'r1', flow: 'f' },
};

describe('findTemplates', () => {
  it('finds each template with its offsets and trimmed expression', () => {
    const text = 'Deploy {{ $vars.app }} {{$input.version}}?';
    expect(findTemplates(text)).toEqual([
      { expr: '$vars.app', start: 7, end: 22 },
      { expr: '$input.version', start: 23, end: 41 },
    ]);
    expect(text.slice(7, 22)).toBe('{{ $vars.app }}');
  });

  it('skips braces and }} inside JSONata literals', () => {
    expect(findTemplates('{{ {"a": {"b": 1}} }}!').map((t) => t.expr)).toEqual(['{"a": {"b": 1}}']);
    expect(findTemplates('x {{ "}}" & \'}}\' }} y').map((t) => t.expr)).toEqual([`"}}" & '}}'`]);
    expect(findTemplates('{{ /* }} */ 1 }}').map((t) => t.expr)).toEqual(['/* }} */ 1']);
  });

  it('reports an unclosed {{', () => {
    expect(findTemplates('a {{ b }} c {{ d')).toHaveLength(1);
    expect(findUnclosedTemplate('a {{ b }} c {{ d')).toBe(12);
    expect(findUnclosedTemplate('a {{ b }}')).toBeUndefined();
    expect(findUnclosedTemplate('plain { text }')).toBeUndefined();
  });
});

describe('interpolateString', () => {
  it('inserts strings as they are and other values as JSON', async () => {
    expect(await interpolateString('Deploy {{ $vars.app }} {{ $input.version }}', bindings)).toBe('Deploy shop 1.4.2');
    expect(await interpolateString('n={{ $input.count }} tags={{ $input.tags }}', bindings)).toBe('n=3 tags=["a","b"]');
    expect(await interpolateString('missing={{ $input.nope }}', bindings)).toBe('missing=null');
  });

  it('returns the raw value when the whole string is one template', async () => {
    expect(await interpolateString('{{ $input.count }}', bindings)).toBe(3);
    expect(await interpolateString('{{ $input.tags }}', bindings)).toEqual(['a', 'b']);
    expect(await interpolateString(' {{ $input.count }}', bindings)).toBe(' 3');
  });

  it('leaves strings without templates alone, and writes a literal {{ with {{ "{{" }}', async () => {
    expect(await interpolateString('no templates {here}', bindings)).toBe('no templates {here}');
    expect(await interpolateString(`--format '{{ "{{" }}.Names}}'`, bindings)).toBe(`--format '{{.Names}}'`);
  });

  it('fails with the expression in the message', async () => {
    await expect(interpolateString('x {{ $input.count + }}', bindings)).rejects.toThrow(
      'expression "$input.count +" does not parse',
    );
  });
});

describe('interpolateJson', () => {
  it('interpolates deeply without touching keys or the original', async () => {
    const body = { version: '{{ $input.version }}', '{{ k }}': 1, list: ['{{ $input.count }}', true, null] };
    expect(await interpolateJson(body, bindings)).toEqual({ version: '1.4.2', '{{ k }}': 1, list: [3, true, null] });
    expect(body.version).toBe('{{ $input.version }}');
  });
});
