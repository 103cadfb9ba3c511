/**
 * The workspace trigger lease (issue #12 part 2): one process fires a workspace's triggers, and
 * `flowsmith serve` takes precedence over a designer's engine process.
 */
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { TriggerLease, isServeOwner, triggerLeaseKey } from './trigger-lease.js';

const leases: TriggerLease[] = [];
afterEach(() => {
  for (const l of leases.splice(0)) l.release();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-trigger-lease-'));
  const journal = openJournal(join(dir, 'store.db'));
  const lease = (isService: boolean, root = dir) => {
    const l = new TriggerLease({ journal, root, isService });
    leases.push(l);
    return l;
  };
  return { dir, journal, lease };
}

describe('TriggerLease', () => {
  it('lets one engine process fire; a second waits while the first lives', () => {
    const { lease } = setup();
    const a = lease(false);
    const b = lease(false);
    expect(a.holds()).toBe(true);
    expect(b.holds()).toBe(false);
    expect(a.holds()).toBe(true);
    a.release();
    expect(b.holds()).toBe(true);
  });

  it('gives serve the lease over an engine process, which does not take it back', () => {
    const { lease } = setup();
    const designer = lease(false);
    const serve = lease(true);
    expect(designer.holds()).toBe(true);
    expect(serve.holds()).toBe(true);
    expect(isServeOwner(serve.holder()!)).toBe(true);
    expect(designer.holds()).toBe(false);
    expect(designer.isHeldByServe()).toBe(true);
    expect(serve.isHeldByServe()).toBe(false);
    // A second serve on the same workspace does not take it from a live one.
    expect(lease(true).holds()).toBe(false);
  });

  it('takes the lease of a process that is gone (kill -9), and keeps workspaces apart', () => {
    const { dir, journal, lease } = setup();
    const key = triggerLeaseKey(dir);
    journal.leases.acquire(key, `${hostname()}/999999999/serve-dead`, Date.now(), 10_000, () => false);
    expect(lease(false).holds()).toBe(true);
    const other = lease(false, join(dir, '..'));
    expect(other.key).not.toBe(key);
    expect(other.holds()).toBe(true);
  });
});
