/**
 * Run leases in the store (issue #11 item 9): one holder at a time, taken over when stale or when
 * its owner is gone, and requests handed to the holder with their outcome.
 */
import { describe, expect, it } from 'vitest';
import { openJournal } from './journal.js';

const alive = () => false;

describe('run leases', () => {
  it('has one holder at a time; the holder renews, a stale or gone holder is taken over', () => {
    const { leases } = openJournal(':memory:');
    expect(leases.acquire('r', 'designer', 1_000, 10_000, alive)).toMatchObject({ acquired: true, owner: 'designer' });
    expect(leases.acquire('r', 'cli', 2_000, 10_000, alive)).toMatchObject({ acquired: false, owner: 'designer' });
    expect(leases.acquire('r', 'designer', 2_000, 10_000, alive).acquired).toBe(true);
    leases.renew('designer', 9_000);
    expect(leases.acquire('r', 'cli', 18_000, 10_000, alive).acquired).toBe(false);
    expect(leases.acquire('r', 'cli', 19_001, 10_000, alive)).toMatchObject({ acquired: true, owner: 'cli' });
    expect(leases.acquire('r', 'designer', 19_002, 10_000, (owner) => owner === 'cli')).toMatchObject({ acquired: true, owner: 'designer' });
    leases.release('r', 'cli'); // not the holder: nothing happens
    expect(leases.holder('r')?.owner).toBe('designer');
    leases.release('r', 'designer');
    expect(leases.holder('r')).toBeUndefined();
  });

  it('hands requests to the holder and tells the sender how each ended', () => {
    const { leases } = openJournal(':memory:');
    leases.acquire('r', 'designer', 1, 10_000, alive);
    const approve = leases.enqueue('r', { kind: 'answer', step: 'gate', by: 'ops', verdict: 'approve' }, 2);
    const cancel = leases.enqueue('r', { kind: 'cancel', reason: 'no' }, 3);
    leases.enqueue('other', { kind: 'cancel', reason: 'no' }, 3);
    expect(leases.pending({ owner: 'designer' }).map((r) => [r.id, r.run, r.request])).toEqual([
      [approve, 'r', { kind: 'answer', step: 'gate', by: 'ops', verdict: 'approve' }],
      [cancel, 'r', { kind: 'cancel', reason: 'no' }],
    ]);
    leases.complete(approve, 4, null);
    leases.complete(cancel, 4, 'run r has succeeded');
    expect(leases.result(approve)).toEqual({ done: true, error: null });
    expect(leases.result(cancel)).toEqual({ done: true, error: 'run r has succeeded' });
    expect(leases.pending({ run: 'r' })).toEqual([]);
    expect(leases.pending({ run: 'other' })).toHaveLength(1);
  });
});
