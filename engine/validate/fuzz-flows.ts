/**
 * A fast-check arbitrary for flows that are valid by construction (issue #3 item 9; STYLE.md §9
 * "Seeded fuzz"), built from the model: chains of task, wait, approval (rejections go to a fail
 * step), branch (every case rejoins the chain), parallel (every branch ends at its own join) and
 * map (a nested body), with ids drawn from awkward names (`constructor`, `__proto__`, `true`, …)
 * and random optional fields. Every step is reachable, so validation must find nothing at all.
 */
import fc from 'fast-check';
import type { Flow, Json } from '../model/flow.js';

/** One block of a chain; nested blocks hold chains of their own. */
type Block =
  | { kind: 'task' | 'wait' | 'approval' }
  | { kind: 'branch'; cases: Block[][] }
  | { kind: 'parallel'; branches: Block[][] }
  | { kind: 'map'; body: Block[] };

/** Optional fields any step may carry; each is valid wherever it goes. */
type Extras = Record<string, Json>;

/** Step ids that are easy to get wrong: JS prototype names, YAML keywords, numbers, the flow's own keys. */
const AWKWARD_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'then',
  'true', 'null', 'no', 'yes', '0', '1e3', '0x10', 'steps', 'start', 'type', 'next', 'join', 'a-b', '_'];

const VALID_EXPRESSIONS = ['$input.x = 1', '$exists($vars.app)', '$count($input.items) > 0', 'true',
  '$not(false)', '$input.env in ["dev", "prod"]', '$vars.`a-b`.status = "succeeded"', '($x := 2; $x * 3 > 5)'];

const stepId = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,15}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...AWKWARD_IDS) },
);

// U+FFFD and NUL are what undecodable bytes become when a file is read as UTF-8: yaml/encoding.ts
// reports them (FS029), so a flow "valid by construction" leaves them out.
const text = fc.string({ unit: 'grapheme', maxLength: 24 }).filter((t) => !t.includes('{{') && !t.includes('\uFFFD') && !t.includes('\u0000'));

const extras: fc.Arbitrary<Extras> = fc.record(
  {
    title: text,
    description: text,
    timeout: fc.constantFrom('500ms', '30s', '5m', '2h', '1d', '1h30m', 'PT5M', 'P1DT2H'),
    retry: fc.record({ maxAttempts: fc.integer({ min: 1, max: 9 }), delay: fc.constantFrom('1s', '10s') }),
    continueOnError: fc.boolean(),
    output: fc.constantFrom('$', '{"code": $.exitCode}', '$string($)'),
    set: fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), fc.constantFrom(...VALID_EXPRESSIONS), { maxKeys: 2 }),
    'x-note': text,
  },
  { requiredKeys: [] },
);

const blocks = fc.letrec<{ block: Block; chain: Block[] }>((tie) => ({
  block: fc.oneof(
    // Depth 2 and short chains keep flows under ~40 steps: the suite's time goes into yaml's parser.
    { depthSize: 'small', maxDepth: 2 },
    fc.constantFrom<Block>({ kind: 'task' }, { kind: 'wait' }, { kind: 'approval' }),
    fc.array(tie('chain'), { minLength: 1, maxLength: 3 }).map((cases): Block => ({ kind: 'branch', cases })),
    fc.array(tie('chain'), { minLength: 1, maxLength: 3 }).map((branches): Block => ({ kind: 'parallel', branches })),
    tie('chain').map((body): Block => ({ kind: 'map', body })),
  ),
  chain: fc.array(tie('block'), { minLength: 1, maxLength: 3 }),
}));

/** Flows valid by construction: no validation finding, not even a warning, is expected. */
export function validFlow(): fc.Arbitrary<Flow> {
  return fc
    .record({
      chain: blocks.chain,
      ids: fc.uniqueArray(stepId, { maxLength: 40 }),
      extras: fc.array(extras, { minLength: 1, maxLength: 8 }),
      endsWithSucceed: fc.boolean(),
    })
    .map(({ chain, ids, extras: extraList, endsWithSucceed }) => new FlowBuilder(ids, extraList).build(chain, endsWithSucceed));
}

/** Turns blocks into steps with unique ids across the whole flow (map bodies included). */
class FlowBuilder {
  private readonly used = new Set<string>();
  private counter = 0;
  private extrasUsed = 0;
  constructor(
    private readonly wanted: string[],
    private readonly extras: Extras[],
  ) {}

  build(chain: Block[], endsWithSucceed: boolean): Flow {
    const steps: Record<string, unknown> = {};
    const end = endsWithSucceed ? this.add(steps, this.newId(), { type: 'succeed' }) : undefined;
    const start = this.chain(chain, end, steps);
    return { flowsmith: '1.0', name: 'fuzz-flow', start, steps } as unknown as Flow;
  }

  private chain(chain: Block[], after: string | undefined, steps: Record<string, unknown>): string {
    let next = after;
    for (let i = chain.length - 1; i >= 0; i--) next = this.block(chain[i]!, next, steps);
    return next!; // chains have at least one block
  }

  private block(block: Block, next: string | undefined, steps: Record<string, unknown>): string {
    const id = this.newId();
    const then = next === undefined ? {} : { next };
    switch (block.kind) {
      case 'task':
        return this.add(steps, id, { type: 'task', shell: 'echo "{{ $input.x }}"', ...then }, true);
      case 'wait':
        return this.add(steps, id, { type: 'wait', duration: '5s', ...then }, true);
      case 'approval': {
        const rejected = this.add(steps, this.newId(), { type: 'fail', error: 'Rejected' });
        return this.add(steps, id, { type: 'approval', approvers: ['ops'], onReject: rejected, ...then }, true);
      }
      case 'branch': {
        const cases = block.cases.map((c, i) => ({ when: VALID_EXPRESSIONS[i % VALID_EXPRESSIONS.length]!, next: this.chain(c, next, steps) }));
        return this.add(steps, id, { type: 'branch', cases, ...(next === undefined ? {} : { default: next }) });
      }
      case 'parallel': {
        const join = this.newId();
        const branches = block.branches.map((b) => this.chain(b, join, steps));
        this.add(steps, join, { type: 'join', ...then });
        return this.add(steps, id, { type: 'parallel', branches, join });
      }
      case 'map': {
        const body: Record<string, unknown> = {};
        const start = this.chain(block.body, undefined, body);
        return this.add(steps, id, { type: 'map', items: '$input.hosts', start, steps: body, ...then });
      }
    }
  }

  /** Adds a step (with the next extras when `withExtras`), returning its id. */
  private add(steps: Record<string, unknown>, id: string, step: Record<string, unknown>, withExtras = false): string {
    const more = withExtras ? this.extras[this.extrasUsed++ % this.extras.length] : undefined;
    // defineProperty: `steps[id] = …` with id `__proto__` would set the prototype instead.
    Object.defineProperty(steps, id, { value: { ...more, ...step }, enumerable: true, writable: true, configurable: true });
    return id;
  }

  private newId(): string {
    let id = this.wanted.shift();
    while (id === undefined || this.used.has(id)) id = `s${this.counter++}`;
    this.used.add(id);
    return id;
  }
}
