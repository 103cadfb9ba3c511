/**
 * Cron triggers (issue #3): a workspace's flow with a trigger fires journaled runs while the
 * scheduler runs; changes to the files are followed; bad flows, patterns and zones are reported once.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JsonObject } from '../model/flow.js';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';
import { nextFireAt, TriggerScheduler } from './triggers.js';
import type { TriggerSchedulerOptions } from './triggers.js';

/** A flow file `name.yaml` in `dir` whose one step echoes `$input.who`, with `triggers` lines as given. */
function writeFlow(dir: string, name: string, triggers: string[]): string {
  const path = join(dir, `${name}.yaml`);
  const lines = [
    'flowsmith: "1.0"',
    `name: ${name}`,
    'inputs: {type: object, properties: {who: {type: string, default: world}}}',
    ...(triggers.length ? ['triggers:', ...triggers.map((t) => `  - ${t}`)] : []),
    'start: greet',
    'steps:',
    '  greet: {type: task, shell: "echo hello {{ $input.who }}"}',
    '',
  ];
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** A service that records what would have started, for tests that only look at scheduling. */
function fakeService() {
  const started: { path: string; input?: JsonObject; trigger?: JsonObject }[] = [];
  const service: TriggerSchedulerOptions['service'] = {
    startRun: (p) => {
      started.push({ path: p.path!, ...(p.input ? { input: p.input } : {}), ...(p.trigger ? { trigger: p.trigger } : {}) });
      return { id: `r${started.length}` } as ReturnType<RunService['startRun']>;
    },
    driveInBackground: () => undefined,
  };
  return { service, started };
}

let scheduler: TriggerScheduler | undefined;
afterEach(() => {
  scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

describe('TriggerScheduler', () => {
  it('fires a run each second for `* * * * * *`, journaled with its trigger, and the run finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    const path = writeFlow(dir, 'tick', ['{cron: "* * * * * *", input: {who: cron}}']);
    const journal = openJournal(join(dir, 'store.db'));
    const service = new RunService({ journal, workRoot: join(dir, 'runs') });
    // The schedule runs on fake timers (no wall-clock second to wait); the run it starts is real.
    vi.useFakeTimers({ now: new Date('2025-03-01T00:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    scheduler = new TriggerScheduler({ root: dir, service, watch: false });
    scheduler.start();
    expect(scheduler.list()).toMatchObject([{ flow: 'tick', path, cron: '* * * * * *', timezone: null }]);
    vi.advanceTimersByTime(1_000);
    vi.useRealTimers();
    expect(journal.runs().length).toBe(1);

    await expect.poll(() => journal.runs({ status: 'succeeded' }).length, { timeout: 4_000, interval: 50 }).toBeGreaterThan(0);
    scheduler.stop();
    expect(scheduler.list()).toEqual([]);
    // Runs started before stop() still finish in the background.
    await expect.poll(() => journal.unfinishedRuns(), { timeout: 4_000, interval: 50 }).toEqual([]);

    const run = journal.runs({ status: 'succeeded' })[0]!;
    const first = journal.events(run.id)[0]!.event;
    expect(first).toMatchObject({ type: 'RunStarted', flow: 'tick', mode: 'run', input: { who: 'cron' }, trigger: { cron: '* * * * * *' } });
    const trigger = (first as Extract<typeof first, { type: 'RunStarted' }>).trigger as { firedAt: string };
    expect(Object.keys(trigger).sort()).toEqual(['cron', 'firedAt']);
    expect(new Date(trigger.firedAt).toISOString()).toBe(trigger.firedAt);
    expect(journal.logs(run.id).map((l) => l.text).join('')).toContain('hello cron');
    journal.close();
  });

  it('stops a trigger removed from its file at the next rescan and keeps the others', () => {
    vi.useFakeTimers({ now: new Date('2025-03-01T00:00:00Z') });
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    const tick = writeFlow(dir, 'tick', ['{cron: "* * * * * *"}']);
    const hourly = writeFlow(dir, 'hourly', ['{cron: "0 * * * *"}']);
    const { service, started } = fakeService();
    scheduler = new TriggerScheduler({ root: dir, service, watch: false });
    scheduler.start();
    vi.advanceTimersByTime(3_000);
    expect(started.filter((s) => s.path === tick).length).toBe(3);

    writeFlow(dir, 'tick', []);
    scheduler.rescan();
    const before = started.length;
    vi.advanceTimersByTime(10_000);
    expect(started.length).toBe(before);
    expect(scheduler.list().map((t) => t.flow)).toEqual(['hourly']);
    vi.advanceTimersByTime(3_600_000);
    expect(started.slice(before)).toEqual([{ path: hourly, trigger: { cron: '0 * * * *', firedAt: '2025-03-01T01:00:00.000Z' } }]);
  });

  it('reads the pattern in the trigger time zone and records it', () => {
    vi.useFakeTimers({ now: new Date('2025-03-01T14:59:00Z') });
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    writeFlow(dir, 'nightly', ['{cron: "0 23 * * *", timezone: Asia/Shanghai, input: {who: night}}']);
    const { service, started } = fakeService();
    scheduler = new TriggerScheduler({ root: dir, service, watch: false });
    scheduler.start();
    // 23:00 in Shanghai (UTC+8, no daylight saving) is 15:00 UTC.
    expect(scheduler.list()).toMatchObject([{ cron: '0 23 * * *', timezone: 'Asia/Shanghai', nextRunAt: '2025-03-01T15:00:00.000Z' }]);
    // New York: 23:00 EDT (UTC−4) in summer, 23:00 EST (UTC−5) in winter.
    const newYork = { cron: '0 23 * * *', timezone: 'America/New_York' };
    expect(nextFireAt(newYork, new Date('2025-07-01T12:00:00Z'))?.toISOString()).toBe('2025-07-02T03:00:00.000Z');
    expect(nextFireAt(newYork, new Date('2025-01-01T12:00:00Z'))?.toISOString()).toBe('2025-01-02T04:00:00.000Z');
    vi.advanceTimersByTime(60_000);
    expect(started).toMatchObject([{ input: { who: 'night' }, trigger: { cron: '0 23 * * *', timezone: 'Asia/Shanghai', firedAt: '2025-03-01T15:00:00.000Z' } }]);
  });

  it('skips invalid flows, patterns and time zones, reporting each once until it is fixed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'flowsmith: "1.0"\nname: broken\ntriggers: [{cron: "* * * * *"}]\nstart: nowhere\nsteps: {a: {type: succeed}}\n');
    writeFlow(dir, 'patterns', ['{cron: "every day"}', '{cron: "0 2 * * *", timezone: Mars/Olympus}', '{cron: "0 2 * * *"}']);
    writeFileSync(join(dir, 'compose.yaml'), 'services: {web: {image: nginx}}\n'); // not a flow: ignored
    const reports: string[] = [];
    scheduler = new TriggerScheduler({ root: dir, service: fakeService().service, watch: false, report: (m) => reports.push(m) });
    scheduler.start();
    scheduler.rescan();
    expect(scheduler.list().map((t) => [t.flow, t.cron, t.timezone])).toEqual([['patterns', '0 2 * * *', null]]);
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatch(/broken\.yaml are not scheduled: the flow cannot run:\n.*nowhere/);
    expect(reports[1]).toMatch(/patterns\.yaml: trigger "every day" is not scheduled: .*croner syntax/);
    expect(reports[2]).toMatch(/trigger "0 2 \* \* \*" \(Mars\/Olympus\) is not scheduled: .*IANA/);

    writeFlow(dir, 'patterns', ['{cron: "0 2 * * *"}']);
    scheduler.rescan();
    writeFlow(dir, 'patterns', ['{cron: "every day"}']);
    scheduler.rescan();
    expect(reports).toHaveLength(4);
  });

  it('schedules only the flows shouldSchedule allows, and asks again when one fires', () => {
    vi.useFakeTimers({ now: new Date('2025-03-01T00:00:00Z') });
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    const trusted = writeFlow(dir, 'trusted', ['{cron: "* * * * * *"}']);
    writeFlow(dir, 'downloaded', ['{cron: "* * * * * *"}']);
    const allowed = new Set([trusted]);
    const { service, started } = fakeService();
    scheduler = new TriggerScheduler({ root: dir, service, watch: false, shouldSchedule: (p) => allowed.has(p) });
    scheduler.start();
    expect(scheduler.list().map((t) => t.flow)).toEqual(['trusted']);
    vi.advanceTimersByTime(2_000);
    expect(started.map((s) => s.path)).toEqual([trusted, trusted]);
    allowed.clear();
    vi.advanceTimersByTime(2_000);
    expect(started).toHaveLength(2);
  });

  it('follows saves in the workspace folder (fs.watch, debounced)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-triggers-'));
    writeFlow(dir, 'first', []);
    scheduler = new TriggerScheduler({ root: dir, service: fakeService().service, rescanDelayMs: 20 });
    scheduler.start();
    expect(scheduler.list()).toEqual([]);
    writeFlow(dir, 'first', ['{cron: "0 3 * * *"}']);
    writeFlow(dir, 'second', ['{cron: "0 4 * * *"}']);
    await expect.poll(() => scheduler!.list().map((t) => t.cron), { timeout: 3_000, interval: 20 }).toEqual(['0 3 * * *', '0 4 * * *']);
  });
});
