import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { RunDriver } from '../runtime/driver.js';
import type { RunEvent } from '../runtime/events.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import { MemoryRunLog } from './memory-log.js';

const flow = {
  flowsmith: '1.0',
  name: 'm',
  start: 'a',
  steps: { a: { type: 'task', shell: 'exit 1', next: 'b' }, b: { type: 'succeed' } },
} as unknown as Flow;

describe('MemoryRunLog', () => {
  it('journals a simulation in memory and refuses an append at the wrong seq', async () => {
    const log = new MemoryRunLog();
    const clock = new VirtualClock();
    const started: RunEvent = {
      type: 'RunStarted', at: clock.now(), run: 'r1', flow: 'm', flowPath: '/m.yaml', input: {}, vars: {},
      mode: 'simulate', semantics: 1, workdir: '/tmp/none', start: 'a',
    };
    log.createRun(started);
    const state = await new RunDriver(flow, [started], { journal: log, clock, random: () => 0 }).drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(log.events('r1').map((e) => e.type)).toEqual(['RunStarted', 'StepStarted', 'StepSucceeded', 'StepStarted', 'StepSucceeded', 'RunSucceeded']);
    expect(() => log.append('r1', 2, [])).toThrow(/journal is at 6/);
    expect(() => log.createRun(started)).toThrow(/exists/);
  });
});
