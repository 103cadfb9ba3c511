/**
 * Run sessions (issue #9 point 1): the fold at every cursor equals a full fold of the events up to
 * it; streaming costs one fold and no copy per event (counted operations, not time); moving the
 * cursor costs at most SNAPSHOT_EVERY folds and one copy; 1,000 streamed runs keep memory bounded.
 */
import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../engine/host/api';
import { foldEvents } from '../../engine/runtime/fold';
import { attemptsOf } from './attempts';
import { fakeJournal } from './journal-fixture';
import { RunSession, SNAPSHOT_EVERY } from './run-session';
import { KEEP_UNWATCHED, RunSessions } from './run-sessions';

describe('RunSession', () => {
  it('gives, at every cursor, the state a full fold of the events up to it gives', () => {
    const journal = fakeJournal('r1', 120);
    const s = new RunSession('r1');
    s.add(journal);
    expect(s.length).toBe(journal.length);
    expect(s.length).toBeGreaterThan(3 * SNAPSHOT_EVERY);
    const events = journal.map((e) => e.event);
    // Backwards and forwards, so both memo and snapshot paths are taken.
    const order = [...events.keys()].map((i) => i + 1);
    for (const at of [...order].reverse().concat(order)) {
      expect(s.stateAt(at), `cursor ${at}`).toEqual(foldEvents(events.slice(0, at)));
    }
  });

  it('keeps the attempts of the live end one event at a time, equal to a rebuild at every cursor', () => {
    const journal = fakeJournal('r1', 40);
    const s = new RunSession('r1');
    const events = journal.map((e) => e.event);
    for (const e of journal) {
      s.add([e]);
      expect(s.attemptsAt()).toEqual(attemptsOf(events, e.seq));
    }
    for (let at = 1; at <= s.length; at++) expect(s.attemptsAt(at)).toEqual(attemptsOf(events, at));
  });

  it('folds events that arrive out of order or twice exactly once, in seq order', () => {
    const journal = fakeJournal('r1', 5);
    const s = new RunSession('r1');
    const shuffled = [journal[3]!, journal[0]!, journal[2]!, journal[0]!, journal[1]!, ...journal.slice(4)];
    for (const e of shuffled) s.add([e]);
    s.add(journal); // a getRun catch-up after the stream
    expect(s.cost.folds).toBe(journal.length);
    expect(s.stateAt()).toEqual(foldEvents(journal.map((e) => e.event)));
  });

  it('costs one fold and no copy per streamed event, however long the run', () => {
    for (const steps of [100, 2_000]) {
      const journal = fakeJournal('r', steps);
      const s = new RunSession('r');
      for (const e of journal) s.add([e]);
      expect(s.cost).toEqual({ folds: journal.length, clones: 0 });
    }
  });

  it('moves the cursor by one event at a bounded cost once snapshots exist', () => {
    const journal = fakeJournal('r', 500);
    const s = new RunSession('r');
    s.add(journal);
    s.stateAt(journal.length - 1); // builds the snapshots once: one pass over the journal
    expect(s.cost.clones).toBeLessThanOrEqual(Math.ceil(journal.length / SNAPSHOT_EVERY) + 1);
    for (let at = journal.length - 1; at > journal.length - 200; at--) {
      const before = { ...s.cost };
      s.stateAt(at);
      expect(s.cost.folds - before.folds).toBeLessThanOrEqual(SNAPSHOT_EVERY);
      expect(s.cost.clones - before.clones).toBeLessThanOrEqual(1);
    }
  });
});

describe('RunSessions', () => {
  it('keeps memory bounded with 1,000 runs streamed one after another', () => {
    const sessions = new RunSessions();
    let maxHeld = 0;
    for (let r = 0; r < 1_000; r++) {
      const run = `run-${r}`;
      sessions.watch(run);
      for (const { seq, event } of fakeJournal(run, 20)) {
        const e: HostEvent = { kind: 'runEvent', run, seq, event };
        sessions.handle(e);
        // Another run that nobody watches streams too (an older host): it is not kept.
        sessions.handle({ ...e, run: `other-${r}` } as HostEvent);
        sessions.handle({ kind: 'stepLog', run: `other-${r}`, step: 's0', attempt: 1, stream: 'stdout', text: 'x' });
      }
      sessions.unwatch(run);
      maxHeld = Math.max(maxHeld, sessions.size);
    }
    expect(maxHeld).toBeLessThanOrEqual(KEEP_UNWATCHED + 1);
    expect(sessions.size).toBe(KEEP_UNWATCHED);
    expect(sessions.get('run-999')?.length).toBe(fakeJournal('run-999', 20).length);
    expect(sessions.get('run-0')).toBeUndefined();
  });

  it('keeps a run while any view still watches it', () => {
    const sessions = new RunSessions(0);
    sessions.watch('a');
    sessions.watch('a');
    sessions.unwatch('a');
    expect(sessions.get('a')).toBeDefined();
    sessions.unwatch('a');
    expect(sessions.get('a')).toBeUndefined();
  });
});
