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

/** Lets every pending promise chain and setImmediate check run (event-loop turns, no wall-clock wait). */
async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A "real" clock for speed tests that moves only when told: a held VirtualClock with a permanent hold. */
function manualRealClock(start = 0): VirtualClock {
  const real = new VirtualClock(start, { pace: { kind: 'held' } });
  real.hold('test', true);
  return real;
}

describe('VirtualClock paces (issue #9 point 7)', () => {
  it('held: stands still while a hold is set, moves on advance to the next timer, and jumps again once released', async () => {
    const clock = new VirtualClock(0, { pace: { kind: 'held' } });
    clock.hold('run-1', true); // an approval waits
    const woke: string[] = [];
    void clock.sleepUntil(7_200_000).then(() => woke.push(`deadline@${clock.now()}`));
    void clock.sleepUntil(60_000).then(() => woke.push(`timer@${clock.now()}`));
    await settle();
    expect(woke).toEqual([]);
    expect(clock.info()).toMatchObject({ now: 0, isHeld: true, nextDueAt: 60_000 });

    expect(clock.advance({ to: 'next-timer' })).toBe(60_000);
    await settle();
    expect(woke).toEqual(['timer@60000']);
    expect(clock.now()).toBe(60_000); // still held: no jump to the deadline

    clock.hold('run-1', false); // answered: time jumps as in the CLI
    await settle();
    expect(woke).toEqual(['timer@60000', 'deadline@7200000']);
  });

  it('held without a hold jumps like jump, and advance byMs wakes only what is due', async () => {
    const clock = new VirtualClock(0, { pace: { kind: 'held' } });
    await clock.sleepUntil(5000);
    expect(clock.now()).toBe(5000);
    clock.hold('r', true);
    let isAwake = false;
    void clock.sleepUntil(20_000).then(() => (isAwake = true));
    clock.advance({ byMs: 10_000 });
    await settle();
    expect([clock.now(), isAwake]).toEqual([15_000, false]);
    clock.advance({ byMs: 5000 });
    await settle();
    expect([clock.now(), isAwake]).toEqual([20_000, true]);
    expect(() => clock.advance({ byMs: -1 })).toThrow(RangeError);
    expect(() => clock.advance({ byMs: 1e300 })).toThrow(RangeError);
    expect(clock.now()).toBe(20_000);
  });

  it('jump ignores holds (the CLI and scenarios never wait for people)', async () => {
    const clock = new VirtualClock(0);
    clock.hold('r', true);
    await clock.sleepUntil(7_200_000);
    expect(clock.now()).toBe(7_200_000);
    expect(clock.waitsForPeople).toBe(false);
  });

  it('speed: virtual time flows at factor × real time and wakes sleepers as it passes them', async () => {
    const real = manualRealClock(1_000_000);
    const clock = new VirtualClock(0, { pace: { kind: 'speed', factor: 60 }, real });
    const woke: number[] = [];
    void clock.sleepUntil(120_000).then(() => woke.push(clock.now())); // 2 virtual minutes
    real.advance({ byMs: 1000 }); // one real second = one virtual minute
    await settle();
    expect(clock.now()).toBe(60_000);
    expect(woke).toEqual([]);
    real.advance({ byMs: 1000 });
    await settle();
    expect(woke).toEqual([120_000]);
    expect(clock.waitsForPeople).toBe(true);
  });

  it('switching pace keeps the time flowed so far; a bad speed is refused; changes are reported', async () => {
    const real = manualRealClock();
    const seen: number[] = [];
    const clock = new VirtualClock(0, { pace: { kind: 'speed', factor: 10 }, real, onChange: (i) => seen.push(i.now) });
    real.advance({ byMs: 500 });
    clock.setPace({ kind: 'held' });
    expect(clock.now()).toBe(5000);
    real.advance({ byMs: 500 });
    expect(clock.now()).toBe(5000);
    expect(() => clock.setPace({ kind: 'speed', factor: 0 })).toThrow(RangeError);
    expect(() => clock.setPace({ kind: 'speed', factor: Number.NaN })).toThrow(RangeError);
    await settle();
    clock.advance({ byMs: 1000 });
    clock.advance({ byMs: 1000 });
    await settle();
    expect(seen).toEqual([5000, 7000]); // once per turn, as it ended up
  });
});
