/**
 * Cron triggers of the open workspace (DESIGN.md "The flow document": `triggers: [{cron, timezone?,
 * input?}]`, croner syntax; issue #3). While the engine process runs, each trigger of each valid
 * flow file in the workspace folder fires a real run of that file, journaled with
 * RunStarted.trigger = `{cron, timezone?, firedAt}` and driven in the background like a run the
 * designer started.
 */
import { existsSync, readFileSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { Cron } from 'croner';
import type { CronTrigger, Flow, JsonObject, TriggerConcurrency } from '../model/flow.js';
import { isCronTrigger } from '../model/flow.js';
import type { TriggerInfo } from './api.js';
import { loadValidFlow } from '../service/flow-files.js';
import { listFlowFiles } from './host-api.js';
import { newRunId } from '../service/run-service.js';
import type { RunService } from '../service/run-service.js';
import type { TriggerPolicy } from './trigger-policy.js';

export interface TriggerSchedulerOptions {
  /** The workspace folder: its flow files (not those in subfolders) are scheduled. */
  root: string;
  service: Pick<RunService, 'startRun' | 'driveInBackground'>;
  /**
   * Whether the flow file at `path` (absolute) may fire: the seam for workspace trust (DESIGN.md
   * "Security": imported or downloaded flows run only in simulation until trusted). Asked at each
   * scan and again at each firing, so withdrawing trust takes effect at once. Default: every flow.
   */
  shouldSchedule?: (path: string) => boolean;
  /** Re-scan when a YAML file in `root` changes (fs.watch); default true. */
  watch?: boolean;
  /** Quiet time after the last file change before re-scanning, in ms; default 300. */
  rescanDelayMs?: number;
  /** Where problems go, one message each; default stderr with a `flowsmith: ` prefix. */
  report?: (message: string) => void;
  /** The time recorded as `firedAt`; default the real time. */
  now?: () => Date;
  /**
   * Whether this process may fire now (trigger-lease.ts: one process fires a workspace's triggers,
   * `flowsmith serve` preferred). Asked at each firing; default: always.
   */
  mayFire?: () => boolean;
  /** Applies each trigger's `concurrency` (trigger-policy.ts); without it every firing starts a run (allow). */
  policy?: TriggerPolicy;
  /** True while a `flowsmith serve` process fires these triggers (TriggerInfo.isFiredByServe); default false. */
  isFiredByServe?: () => boolean;
}

/** One scheduled trigger: what the file says and its croner job. */
interface Job {
  info: Omit<TriggerInfo, 'nextRunAt'>;
  input: JsonObject | undefined;
  concurrency: TriggerConcurrency;
  cron: Cron;
}

/** What a scan wants scheduled for one trigger. */
type Wanted = Omit<Job, 'cron'>;

const DEFAULT_RESCAN_DELAY_MS = 300;

/**
 * The next time `trigger` fires after `from`, or null when its pattern never matches again (e.g.
 * `0 0 30 2 *`). Throws croner's Error for a bad pattern or an unknown IANA time zone. Without
 * `timezone` the pattern is read in the machine's time zone (croner's default).
 */
export function nextFireAt(trigger: Pick<CronTrigger, 'cron' | 'timezone'>, from: Date = new Date()): Date | null {
  const probe = new Cron(trigger.cron, { paused: true, ...(trigger.timezone ? { timezone: trigger.timezone } : {}) });
  try {
    return probe.nextRun(from);
  } finally {
    probe.stop();
  }
}

/**
 * Schedules the cron triggers of the flow files in one folder with croner. `start()` scans and
 * (by default) watches the folder; `rescan()` brings the schedule in line with the files; `stop()`
 * leaves no job, watcher or timer behind. Invalid flows, patterns and time zones are skipped and
 * reported once (again only if they come back after a fix). Runs of one trigger may overlap (a
 * firing does not wait for the previous run), as with Argo CronWorkflow's default concurrencyPolicy
 * Allow, unless the trigger says `concurrency: forbid | queue` and a `policy` is given. Webhook
 * triggers are served by `flowsmith serve` (serve-hooks.ts), not scheduled here.
 */
export class TriggerScheduler {
  /** Jobs by a key of file, flow name, position and trigger text: unchanged triggers keep their job on rescan. */
  private readonly jobs = new Map<string, Job>();
  /** Problems the last scan found and reported; the scan in progress collects into `scanProblems`. */
  private reported = new Set<string>();
  private scanProblems = new Set<string>();
  /** Problems of firings since the last scan. */
  private readonly fireProblems = new Set<string>();
  private watcher: FSWatcher | null = null;
  private rescanTimer: ReturnType<typeof setTimeout> | null = null;
  private isStopped = false;
  private readonly shouldSchedule: (path: string) => boolean;
  private readonly report: (message: string) => void;
  private readonly now: () => Date;

  constructor(private readonly options: TriggerSchedulerOptions) {
    this.shouldSchedule = options.shouldSchedule ?? (() => true);
    this.report = options.report ?? ((m) => process.stderr.write(`flowsmith: ${m}\n`));
    this.now = options.now ?? (() => new Date());
  }

  /** Scans the folder, schedules its triggers and starts watching it. */
  start(): void {
    this.rescan();
    if (this.options.watch !== false) this.startWatching();
  }

  /**
   * Reads the folder's flow files again: new triggers are scheduled, removed or changed ones
   * stopped, unchanged ones keep running. A no-op after stop().
   */
  rescan(): void {
    if (this.isStopped) return;
    this.scanProblems = new Set();
    this.fireProblems.clear();
    const wanted = new Map<string, Wanted>();
    for (const file of listFlowFiles(this.options.root)) {
      // Trust reads and parses the whole file: only for files that have triggers to schedule (a
      // 5,000-step flow held the engine's first answer to the designer up by 1.4 s, issue #8 point 6).
      if (!hasTriggersKey(file.path) || !this.shouldSchedule(file.path)) continue;
      for (const [key, entry] of this.triggersOf(file.path)) wanted.set(key, entry);
    }
    for (const [key, job] of this.jobs) {
      if (wanted.has(key)) continue;
      job.cron.stop();
      this.jobs.delete(key);
    }
    for (const [key, entry] of wanted) {
      if (this.jobs.has(key)) continue;
      const job = this.schedule(entry);
      if (job) this.jobs.set(key, job);
    }
    // A problem still there is not reported again; one that was fixed and comes back is.
    this.reported = this.scanProblems;
  }

  /** The scheduled triggers with their next firing (ISO 8601), in the order they were scheduled. */
  list(): TriggerInfo[] {
    const isFiredByServe = this.options.isFiredByServe?.() === true;
    return [...this.jobs.values()].map(({ info, cron }) => ({
      ...info,
      nextRunAt: cron.nextRun()?.toISOString() ?? null,
      ...(isFiredByServe ? { isFiredByServe } : {}),
    }));
  }

  /** Stops every job, the watcher and a pending rescan; the scheduler cannot be started again. */
  stop(): void {
    this.isStopped = true;
    for (const job of this.jobs.values()) job.cron.stop();
    this.jobs.clear();
    this.watcher?.close();
    this.watcher = null;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
  }

  /** The triggers of one flow file by job key; a file with errors gives none and is reported. */
  private triggersOf(path: string): Map<string, Wanted> {
    const out = new Map<string, Wanted>();
    // Validating is the expensive part (a 1,000-step flow takes about a second) and every save
    // rescans: a file with no top-level `triggers:` key has nothing to schedule (issue #8 point 6).
    if (!hasTriggersKey(path)) return out;
    let flow: Flow;
    try {
      flow = loadValidFlow(path).flow;
    } catch (err) {
      this.reportScanProblem(`the triggers of ${path} are not scheduled: the flow cannot run:\n${(err as Error).message}`);
      return out;
    }
    (flow.triggers ?? []).forEach((t, index) => {
      if (!isCronTrigger(t)) return;
      const info = { flow: flow.name, path, cron: t.cron, timezone: t.timezone ?? null };
      out.set(JSON.stringify([path, flow.name, index, t]), { info, input: t.input, concurrency: t.concurrency ?? 'allow' });
    });
    return out;
  }

  /** A croner job for one trigger, or null (reported) when its pattern or time zone is invalid. */
  private schedule(wanted: Wanted): Job | null {
    const { info } = wanted;
    const where = `${info.path}: trigger "${info.cron}"${info.timezone ? ` (${info.timezone})` : ''}`;
    try {
      // Probing first: croner only notices an unknown time zone when it computes a time.
      nextFireAt({ cron: info.cron, ...(info.timezone ? { timezone: info.timezone } : {}) });
    } catch (err) {
      this.reportScanProblem(`${where} is not scheduled: ${(err as Error).message}; write it in croner syntax with an IANA time zone`);
      return null;
    }
    // unref: the scheduler never keeps a process alive; the engine process lives as long as its parent.
    const options = { unref: true, ...(info.timezone ? { timezone: info.timezone } : {}) };
    return { ...wanted, cron: new Cron(info.cron, options, () => this.fire(wanted)) };
  }

  /** Starts and drives one run for a firing; a run that cannot start is reported (once per reason). */
  private fire({ info, input, concurrency }: Wanted): void {
    const { path, cron, timezone } = info;
    if (this.isStopped || !this.shouldSchedule(path)) return;
    // Another process (flowsmith serve, or the engine process that got there first) fires these.
    if (this.options.mayFire && !this.options.mayFire()) return;
    const firedAt = this.now();
    const trigger: JsonObject = { cron, ...(timezone ? { timezone } : {}), firedAt: firedAt.toISOString() };
    const start = (id?: string) => {
      const driver = this.options.service.startRun({ path, mode: 'run', trigger, ...(input ? { input } : {}), ...(id ? { id } : {}) });
      this.options.service.driveInBackground(driver);
    };
    try {
      if (!this.options.policy) start();
      else {
        const key = { cron, ...(timezone ? { timezone } : {}) };
        const done = this.options.policy.dispatch({ flow: info.flow, key, policy: concurrency, id: newRunId(firedAt.getTime()), start });
        if (done.kind === 'full') this.reportFireProblem(`${path}: trigger "${cron}" skipped a firing: its queue is full while run ${done.blockedBy} is unfinished`);
      }
    } catch (err) {
      // E.g. the file changed since the scan and no longer validates, or its input schema refuses
      // the trigger's input: reported once until the next rescan.
      this.reportFireProblem(`${path}: trigger "${cron}" could not start a run: ${(err as Error).message}`);
    }
  }

  private startWatching(): void {
    const { root } = this.options;
    if (!existsSync(root)) return;
    try {
      this.watcher = watch(root, { persistent: false }, (_event, file) => {
        // Saves are atomic renames, which also report the flow file's own name.
        if (file === null || /\.ya?ml$/.test(file)) this.rescanSoon();
      });
      this.watcher.on('error', (err) => {
        this.report(`stopped watching ${root} for flow changes (${err.message}); triggers follow the files as they were`);
        this.watcher?.close();
        this.watcher = null;
      });
    } catch (err) {
      // E.g. ENOSPC when the inotify watch limit is reached: triggers still fire, without live updates.
      this.report(`cannot watch ${root} for flow changes (${(err as Error).message}); triggers follow the files as they were`);
    }
  }

  /** Debounces a burst of file events (an editor's save is several) into one rescan. */
  private rescanSoon(): void {
    if (this.isStopped) return;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      this.rescan();
    }, this.options.rescanDelayMs ?? DEFAULT_RESCAN_DELAY_MS);
    this.rescanTimer.unref();
  }

  /**
   * Reports a problem the scan in progress found, unless the previous scan found it too: a rescan
   * on every save does not repeat it, and one that was fixed and comes back is reported again.
   */
  private reportScanProblem(message: string): void {
    if (!this.reported.has(message) && !this.scanProblems.has(message)) this.report(message);
    this.scanProblems.add(message);
  }

  /** Reports a firing's problem once until the next scan (a failing `* * * * * *` would repeat every second). */
  private reportFireProblem(message: string): void {
    if (!this.fireProblems.has(message)) this.report(message);
    this.fireProblems.add(message);
  }
}

/** Whether the file has a top-level `triggers:` key (a line starting with it); unreadable: true, so the scan reports it. */
function hasTriggersKey(path: string): boolean {
  try {
    return /["']?\btriggers["']?\s*:/.test(readFileSync(path, 'utf8'));
  } catch {
    return true;
  }
}
