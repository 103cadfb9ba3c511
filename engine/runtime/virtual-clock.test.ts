import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('jumps to the earliest due time once everyone sleeps, in due order', async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    await Promise.all([
      clock.sleepUntil(7_200_000).then(() => woke.push(`2h@${clock.now()}`)),
      clock.sleepUntil(1000).then(() => woke.push(`1s@${clock.now()}`)),
    ]);
    expect(woke).toEqual(['1s@1000', '2h@7200000']);
  });

  it('wakes a sleeper early when its signal aborts, without moving time', async () => {
    const clock = new VirtualClock(0);
    const ac = new AbortController();
    const forever = clock.sleepUntil(Infinity, ac.signal);
    ac.abort();
    await forever;
    expect(clock.now()).toBe(0);
  });
});
