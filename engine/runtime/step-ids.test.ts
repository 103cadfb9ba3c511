/**
 * Step ids that are also names on Object.prototype (`constructor`, `toString`, `__proto__`, …)
 * are ordinary ids (#11 item 11): they run, fold, show in the run record and its JSON, and
 * replay, like any other id.
 */
import { describe, expect, it } from 'vitest';
import { MemoryRunLog } from '../store/memory-log.js';
import { validateText } from '../validate/index.js';
import { RunDriver } from './driver.js';
import type { RunEvent } from './events.js';
import { foldEvents } from './fold.js';
import { toRunRecord } from './record.js';
import { VirtualClock } from './virtual-clock.js';

const IDS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

const FLOW = [
  'flowsmith: "1.0"',
  'name: proto-ids',
  `start: ${IDS[0]}`,
  'steps:',
  ...IDS.map((id, i) => `  "${id}": {type: task, shell: "true", mock: {output: {n: ${i}}}, set: {"${id}": "$.n"}${i < IDS.length - 1 ? `, next: "${IDS[i + 1]}"` : ''}}`),
  '',
].join('\n');

describe('step ids named like Object.prototype members', () => {
  it('run, fold and print like any other id', async () => {
    const { loaded, findings } = validateText(FLOW, 'proto-ids.yaml');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const flow = loaded.flow!;
    expect(Object.keys(flow.steps)).toEqual(IDS);
    const log = new MemoryRunLog();
    const started: RunEvent = {
      type: 'RunStarted', at: 0, run: 'p', flow: 'proto-ids', flowPath: '/p.yaml', input: {}, vars: {},
      mode: 'simulate', semantics: 1, workdir: '/tmp', start: IDS[0]!,
    };
    log.createRun(started);
    const state = await new RunDriver(flow, [started], { journal: log, clock: new VirtualClock(0), random: () => 0 }).drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(IDS);
    const record = JSON.parse(JSON.stringify(toRunRecord(state))) as ReturnType<typeof toRunRecord>;
    expect(Object.keys(record.steps)).toEqual(IDS);
    expect(IDS.map((id) => record.steps[id]?.status)).toEqual(IDS.map(() => 'succeeded'));
    expect(record.vars).toEqual(Object.fromEntries(IDS.map((id, i) => [id, i])));
    const replayed = toRunRecord(foldEvents([...log.events('p')]));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(toRunRecord(state)));
    expect(({} as Record<string, unknown>).constructor).toBe(Object); // nothing leaked onto Object.prototype
  });
});
