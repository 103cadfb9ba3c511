import { describe, expect, it } from 'vitest';
import { codesOf, colOf, findingsWith, flowText } from './test-helpers.js';

describe('expressions that do not parse (FS019)', () => {
  it('checks bare expressions in when, items, until, output and set', () => {
    const text = flowText([
      '  a:', // 5
      '    type: branch',
      '    cases:',
      '      - when: $input.env = ', // 8
      '        next: b',
      '    default: b',
      '  b: {type: map, items: "$input.hosts[", start: c, steps: {c: {type: succeed}}, next: d}', // 11
      '  d: {type: wait, until: "$now(", next: e}', // 12
      '  e: {type: task, shell: x, output: "{", set: {n: "1 +", ok: "$.ok"}}', // 13
    ]);
    expect(findingsWith('FS019', text).map((f) => [f.line, f.col, f.step, f.message])).toEqual([
      [8, colOf(text, 8, '$input'), 'a', 'steps.a.cases[0].when: "$input.env =" does not parse: unexpected end of expression (at character 12)'],
      [11, colOf(text, 11, '"$input'), 'b', expect.stringMatching(/^steps\.b\.items: "\$input\.hosts\[" does not parse: /)],
      [12, colOf(text, 12, '"$now'), 'd', expect.stringMatching(/^steps\.d\.until: "\$now\(" does not parse: expected "\)"/)],
      [13, colOf(text, 13, '"{"'), 'e', expect.stringMatching(/^steps\.e\.output: "\{" does not parse/)],
      [13, colOf(text, 13, '"1 +"'), 'e', expect.stringMatching(/^steps\.e\.set\.n: "1 \+" does not parse/)],
    ]);
  });

  it('checks every {{ }} inside strings, anywhere in the flow', () => {
    const text = [
      'flowsmith: "1.0"',
      'name: t',
      'vars: {greeting: "hi {{ $input.name & }}"}', // 3
      'start: a',
      'steps:',
      '  a:',
      '    type: task',
      '    http: {url: "http://x/{{ $vars.host }}", body: {v: ["{{ $input.v", "ok"]}}', // 8
      '    next: b',
      '  b: {type: approval, approvers: [ops], message: "Ship {{ $x + }}?"}', // 10
      '',
    ].join('\n');
    expect(findingsWith('FS019', text).map((f) => [f.line, f.col, f.path, f.message])).toEqual([
      [3, colOf(text, 3, '"hi'), '/vars/greeting', 'vars.greeting: {{ $input.name & }} does not parse: unexpected end of expression (at character 13)'],
      [8, colOf(text, 8, '"{{ $input.v'), '/steps/a/http/body/v/0', expect.stringMatching(/^steps\.a\.http\.body\.v\[0\]: the \{\{ at character 1 is never closed/)],
      [10, colOf(text, 10, '"Ship'), '/steps/b/message', expect.stringMatching(/^steps\.b\.message: \{\{ \$x \+ \}\} does not parse/)],
    ]);
  });

  it('hints at the literal-brace escape for Go templates in shell commands', () => {
    const text = flowText(["  a: {type: task, shell: \"docker ps --format '{{.Names}}'\"}"]);
    expect(findingsWith('FS019', text)[0]?.message).toMatch(/to write a literal \{\{, use \{\{ "\{\{" \}\}$/);
    expect(codesOf(flowText(["  a: {type: task, shell: \"docker ps --format '{{ \\\"{{\\\" }}.Names}}'\"}"]))).toEqual([]);
  });

  it('leaves scripts, mocks, layout and the input schema alone', () => {
    const text = flowText([
      '  a: {type: task, script: "if (x) {{ y() }}", mock: {output: "{{ nope"}, next: b}',
      '  b: {type: task, notify: {message: "{{ $input.ok }}"}}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });
});

describe('templates where bash evaluates a value as code (FS027)', () => {
  it('reports each, located at its command, with what to do instead', () => {
    const text = flowText([
      '  a: {type: task, shell: "echo $(( {{ $input.n }} + 1 ))", next: b}', // 5
      '  b: {type: task, shell: {command: "x=1\\nif [[ {{ $input.n }} -gt 2 ]]; then echo {{ $input.n }}; fi", shell: /bin/bash}, next: c}', // 6
      '  c: {type: task, shell: "echo {{ $input.n }} $(( 1 + 2 ))", compensate: {shell: "let n={{ $input.n }}"}}', // 7
    ]);
    expect(findingsWith('FS027', text).map((f) => [f.line, f.step, f.path, f.message])).toEqual([
      [5, 'a', '/steps/a/shell', 'steps.a.shell: {{ $input.n }} stands inside $(( )), where bash evaluates a value as code (a[$(cmd)] runs cmd); only a numeric expression such as {{ $number($input.n) }} may stand there; or do the arithmetic in the expression ({{ $number($input.n) + 1 }}) and insert its result outside the arithmetic'],
      [6, 'b', '/steps/b/shell/command', expect.stringMatching(/^steps\.b\.shell\.command \(line 2 of the command\): \{\{ \$input\.n \}\} stands inside \[\[ \]\].*\[ \] or case/)],
      [7, 'c', '/steps/c/compensate/shell', expect.stringMatching(/^steps\.c\.compensate\.shell: .* inside let/)],
    ]);
    expect(findingsWith('FS027', text).every((f) => f.severity === 'error' && f.col !== undefined)).toBe(true);
  });

  it('knows declare -i / typeset -i values, later assignments to them, let, and printf -v names', () => {
    const text = flowText([
      '  a: {type: task, shell: "declare -i n={{ $input.n }}", next: b}', // 5
      '  b: {type: task, shell: "typeset -i n\\nn={{ $input.n }}", next: c}', // 6
      '  c: {type: task, shell: "printf -v \'a[{{ $input.n }}]\' %s x", next: d}', // 7
      '  d: {type: task, shell: "declare msg={{ $input.n }}; printf -v out %s {{ $input.n }}; echo declare -i {{ $input.n }}"}', // 8
    ]);
    expect(findingsWith('FS027', text).map((f) => [f.line, f.step, (f.message ?? '').replace(/, where.*/, '')])).toEqual([
      [5, 'a', 'steps.a.shell: {{ $input.n }} stands inside declare -i'],
      [6, 'b', 'steps.b.shell (line 2 of the command): {{ $input.n }} stands inside an integer variable'],
      [7, 'c', 'steps.c.shell: {{ $input.n }} stands inside printf -v'],
    ]);
    expect(findingsWith('FS027', text)[2]!.message).toMatch(/assign to a fixed variable name and insert the value as an argument/);
  });
});

describe('vars that cannot be evaluated when the run starts (FS028)', () => {
  it('reports templates reading $steps, $env or outside the subset, at the var', () => {
    const text = [
      'flowsmith: "1.0"',
      'name: t',
      'vars:',
      '  ok: "v{{ $input.version }}"', // 4
      '  early: "{{ $steps.a.output }}"', // 5
      '  secret: {token: "{{ $env.TOKEN }}"}', // 6
      '  fancy: "{{ $uppercase($input.env) }}"', // 7
      'start: a',
      'steps: {a: {type: succeed}}',
      '',
    ].join('\n');
    expect(findingsWith('FS028', text).map((f) => [f.line, f.path, f.message])).toEqual([
      [5, '/vars/early', expect.stringMatching(/^vars\.early: \{\{ \$steps\.a\.output \}\} cannot be evaluated when the run starts: it reads \$steps/)],
      [6, '/vars/secret/token', expect.stringMatching(/reads \$env, and vars are journaled/)],
      [7, '/vars/fancy', expect.stringMatching(/\$uppercase\(\) is outside the subset vars can evaluate/)],
    ]);
  });
});
