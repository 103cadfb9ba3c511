import { describe, expect, it } from 'vitest';
import { applyEdits, scanJsonata } from './jsonata-refs.js';

describe('scanJsonata', () => {
  it('finds variables with their fields and offsets', () => {
    const text = '$vars.app & $steps.`start-preview`.output.port';
    const scan = scanJsonata(text);
    if (!scan.ok) throw new Error(scan.reason);
    expect(scan.refs.map((r) => [r.name, r.fields.map((f) => f.name), text.slice(r.start, r.fields.at(-1)?.end ?? r.end)])).toEqual([
      ['vars', ['app'], '$vars.app'],
      ['steps', ['start-preview', 'output', 'port'], '$steps.`start-preview`.output.port'],
    ]);
  });

  it('tells the top context from filters, calls from reads, and bound names from bindings', () => {
    const scan = scanJsonata('($x := 1; $count($input.list[kind = "a"]) + stdout + $x)');
    if (!scan.ok) throw new Error(scan.reason);
    expect(scan.bound.has('x')).toBe(true);
    expect(scan.refs.find((r) => r.name === 'count')?.isCall).toBe(true);
    // `kind` is inside a filter (relative to each item); `stdout` reads the top context.
    expect(scan.contextFields).toHaveLength(1);
  });

  it('reports text that does not parse', () => {
    expect(scanJsonata('$a +').ok).toBe(false);
  });
});

describe('applyEdits', () => {
  it('applies edits in offset order', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }])).toBe('AbcdEf');
  });
});
