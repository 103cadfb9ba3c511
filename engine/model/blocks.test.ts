import { describe, expect, it } from 'vitest';
import { blockTree, type BlockTree, type ParallelBlock } from './blocks.js';

/** A flow's blocks as text: `parallel[join] {branch: steps…} parent=…`, one line per block. */
function shape(tree: BlockTree): string[] {
  return tree.scopes.flatMap((scope) =>
    scope.blocks.map((b: ParallelBlock) => {
      const where = scope.map === undefined ? '' : `${scope.map}/`;
      const branches = b.branches.map((br) => `${br.entry}: ${br.steps.join(' ')}${br.reachesJoin ? '' : ' (never joins)'}`).join('; ');
      return `${where}${b.parallel}[${b.join ?? '?'}] {${branches}}${b.parent ? ` in ${b.parent.parallel}` : ''}`;
    }),
  );
}

const task = (next?: string) => ({ type: 'task', shell: 'true', ...(next ? { next } : {}) });
const par = (branches: string[], join: string) => ({ type: 'parallel', branches, join });
const join = (next?: string) => ({ type: 'join', ...(next ? { next } : {}) });

describe('blockTree', () => {
  const table: [string, unknown, string[]][] = [
    [
      'a sequence: no parallel blocks',
      { start: 'a', steps: { a: task('b'), b: task() } },
      [],
    ],
    [
      'a parallel with two branches meeting at its join',
      { start: 'p', steps: { p: par(['l', 'r'], 'j'), l: task('l2'), l2: task('j'), r: task('j'), j: join('done'), done: { type: 'succeed' } } },
      ['p[j] {l: l l2; r: r}'],
    ],
    [
      'a branch step inside a parallel branch: both arms belong to the branch',
      {
        start: 'p',
        steps: {
          p: par(['check', 'r'], 'j'),
          check: { type: 'branch', cases: [{ when: 'true', next: 'yes' }], default: 'no' },
          yes: task('j'),
          no: task('j'),
          r: task('j'),
          j: join(),
        },
      },
      ['p[j] {check: check no yes; r: r}'],
    ],
    [
      'a parallel nested in a branch of another: inner first in the outer, parent set',
      {
        start: 'outer',
        steps: {
          outer: par(['inner', 'b'], 'oj'),
          inner: par(['x', 'y'], 'ij'),
          x: task('ij'),
          y: task('ij'),
          ij: join('oj'),
          b: task('oj'),
          oj: join(),
        },
      },
      ['outer[oj] {inner: inner ij y x; b: b}', 'inner[ij] {x: x; y: y} in outer'],
    ],
    [
      'a parallel nested in a map body: its own scope, no parent across the map',
      {
        start: 'm',
        steps: {
          m: { type: 'map', items: '$input', start: 'p', steps: { p: par(['a', 'b'], 'j'), a: task('j'), b: task('j'), j: join() } },
        },
      },
      ['m/p[j] {a: a; b: b}'],
    ],
    [
      'catch targets inside a branch are part of it; a branch ending at a fail never joins',
      {
        start: 'p',
        steps: {
          p: par(['risky', 'r'], 'j'),
          risky: { ...task('j'), catch: [{ errors: ['*'], next: 'recover' }] },
          recover: task('j'),
          r: { type: 'fail', error: 'Boom' },
          j: join(),
        },
      },
      ['p[j] {risky: risky recover; r: r (never joins)}'],
    ],
    [
      'a loop inside a branch is walked once',
      {
        start: 'p',
        steps: {
          p: par(['poll', 'r'], 'j'),
          poll: task('check'),
          check: { type: 'branch', cases: [{ when: '$x', next: 'j' }], default: 'poll' },
          r: task('j'),
          j: join(),
        },
      },
      ['p[j] {poll: poll check; r: r}'],
    ],
    [
      'an unreachable parallel still gets its block; an unknown join gives empty branches',
      { start: 'a', steps: { a: task(), p: par(['x'], 'j'), x: task('j'), j: join(), q: par(['x'], 'nowhere') } },
      ['p[j] {x: x}', 'q[?] {x:  (never joins)}'],
    ],
  ];
  it.each(table)('%s', (_name, flow, expected) => expect(shape(blockTree(flow))).toEqual(expected));

  it('gives each step its innermost block and each scope its map and paths', () => {
    const tree = blockTree({
      start: 'outer',
      steps: {
        outer: par(['inner', 'b'], 'oj'),
        inner: par(['x'], 'ij'),
        x: task('ij'),
        ij: join('oj'),
        b: { type: 'map', items: '$input', start: 's', steps: { s: task() }, next: 'oj' },
        oj: join(),
      },
    });
    expect(tree.innermost.get('x')?.parallel).toBe('inner');
    expect(tree.innermost.get('ij')?.parallel).toBe('outer');
    expect(tree.innermost.get('b')?.parallel).toBe('outer');
    expect(tree.innermost.has('outer')).toBe(false);
    expect(tree.scopes.map((s) => [s.map, s.path.join('.'), s.start])).toEqual([
      [undefined, 'steps', 'outer'],
      ['b', 'steps.b.steps', 's'],
    ]);
    expect(tree.scopes[0]!.parallels.map((b) => b.parallel)).toEqual(['outer']);
    expect(tree.parallels.get('outer')!.children.map((b) => b.parallel)).toEqual(['inner']);
  });

  it('tolerates a document that failed the schema', () => {
    expect(blockTree(null).scopes).toEqual([]);
    const tree = blockTree({ start: 5, steps: { a: 'not a step', p: { type: 'parallel', branches: 'x', join: 3 } } });
    expect(shape(tree)).toEqual(['p[?] {}']);
    expect([...tree.scopes[0]!.steps.keys()]).toEqual(['p']);
  });

  it('walks a 20,000-step branch without deep recursion', () => {
    const steps: Record<string, unknown> = { p: par(['s0'], 'j'), j: join() };
    for (let i = 0; i < 20_000; i++) steps[`s${i}`] = task(i === 19_999 ? 'j' : `s${i + 1}`);
    const block = blockTree({ start: 'p', steps }).parallels.get('p')!;
    expect(block.members.size).toBe(20_000);
    expect(block.branches[0]!.reachesJoin).toBe(true);
  });
});
