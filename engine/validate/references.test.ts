import { describe, expect, it } from 'vitest';
import { mentionsIn } from './references.js';
import { codesOf, colOf, findingsWith } from './test-helpers.js';

const header = (inputs: string[]) => ['flowsmith: "1.0"', 'name: t', ...inputs, 'start: a', 'steps:'];

describe('references in expressions (FS030)', () => {
  it('flags $input.x not declared in inputs.properties, located on the string, with a guess', () => {
    const text = [
      ...header(['inputs:', '  type: object', '  properties:', '    environment: {type: string}', '    version: {type: string}']),
      '  a:', // 10
      '    type: branch',
      '    cases:',
      '      - when: $input.enviroment = "production"', // 13
      '        next: b',
      '  b: {type: task, shell: "deploy {{ $input.version }} {{ $input.region }}"}', // 15
      '',
    ].join('\n');
    expect(findingsWith('FS030', text)).toEqual([
      {
        severity: 'warning',
        line: 13,
        col: colOf(text, 13, '$input'),
        step: 'a',
        path: '/steps/a/cases/0/when',
        message: 'steps.a.cases[0].when: $input.enviroment is not declared in inputs.properties; did you mean "environment"?; declare it under inputs.properties or fix the name',
      },
      expect.objectContaining({ severity: 'warning', line: 15, col: colOf(text, 15, '"deploy'), step: 'b', path: '/steps/b/shell' }),
    ]);
    expect(findingsWith('FS030', text)[1]?.message).toMatch(/\$input\.region is not declared/);
  });

  it('makes an undeclared input an error when the schema closes additionalProperties', () => {
    const text = [
      ...header(['inputs: {type: object, additionalProperties: false, properties: {v: {type: string}}}']),
      '  a: {type: task, shell: "echo {{ $input.w }}"}',
      '',
    ].join('\n');
    expect(findingsWith('FS030', text).map((f) => f.severity)).toEqual(['error']);
  });

  it('checks nothing about $input when inputs declares no properties', () => {
    const text = [...header([]), '  a: {type: task, shell: "echo {{ $input.anything }}"}', ''].join('\n');
    expect(codesOf(text)).toEqual([]);
    const open = [...header(['inputs: {type: object}']), '  a: {type: task, shell: "echo {{ $input.x }}"}', ''].join('\n');
    expect(codesOf(open)).toEqual([]);
  });

  it('flags $steps.y for an unknown step as a warning, and knows map bodies, backtick ids and dashed ids', () => {
    const text = [
      ...header([]),
      '  a: {type: task, shell: "echo", output: "$steps.buidl.output", next: m}', // 5
      '  m:', // 6
      '    type: map',
      '    items: "[1, 2]"',
      '    start: inner',
      '    steps:',
      '      inner: {type: task, shell: "echo {{ $steps.a.output }}", next: b-1}',
      '      b-1: {type: succeed}',
      '    set: {last: "$steps.`b-1`.status", gone: "$steps.nope.output", dashed: "$steps.b-1.status", minus: "$steps.x-y.output"}', // 13
      '',
    ].join('\n');
    expect(findingsWith('FS030', text).map((f) => [f.severity, f.line, f.step, f.path, f.message])).toEqual([
      ['warning', 5, 'a', '/steps/a/output', 'steps.a.output: $steps.buidl names no step of this flow; use an existing step id'],
      ['warning', 13, 'm', '/steps/m/set/gone', expect.stringMatching(/^steps\.m\.set\.gone: \$steps\.nope names no step/)],
      // A dashed id is read as the runtime reads it (a step id, not a subtraction).
      ['warning', 13, 'm', '/steps/m/set/minus', expect.stringMatching(/\$steps\.x-y names no step/)],
    ]);
  });

  it('ignores scripts, mocks, string literals and names the expression binds itself', () => {
    const text = [
      ...header(['inputs: {properties: {v: {type: string}}}']),
      '  a: {type: task, script: "return $input.zzz", mock: {output: "{{ $steps.q }}"}, next: b}',
      `  b: {type: task, shell: "echo {{ '$input.x' }} {{ ($input := {'k': 1}; $input.k) }}", output: "function($steps){$steps.q}(1)"}`,
      '',
    ].join('\n');
    expect(codesOf(text)).toEqual([]);
  });
});

describe('mentionsIn', () => {
  it('reads $input and $steps paths from the JSONata AST', () => {
    expect(mentionsIn('$count($steps.a.output) > 0 and $input.env = "p" and $vars.x')).toEqual(
      expect.arrayContaining([
        { binding: 'steps', name: 'a' },
        { binding: 'input', name: 'env' },
      ]),
    );
    expect(mentionsIn('$input')).toEqual([]);
    expect(mentionsIn('$input.')).toEqual([]); // does not parse: FS019's business
  });
});
