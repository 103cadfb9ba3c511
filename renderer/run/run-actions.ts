/**
 * What the designer does with runs (issue #9): which run is on display (watched with HostApi
 * watchRun, caught up with getRun), time travel, debugging requests (pause, continue, step, cancel,
 * vars, skip, retry, run from, breakpoints), approvals, the workspace's run history and approvals
 * inbox. Every request goes to the host; what changes comes back as journal events, so a run started
 * by the CLI or cron is driven here exactly like one started here.
 */
import type { HostApi, HostEvent, RunSummary, VirtualTime } from '../../engine/host/api';
import type { Json, JsonObject, StepId } from '../../engine/model/flow';
import type { RunId, RunMode } from '../../engine/runtime/events';
import { formatDateTime, i18n } from '../i18n';
import type { AppStore } from '../store/store';
import type { HistoryFilter, InboxItem } from '../store/run-slice';
import { loadBreakpoints, saveBreakpoints } from './breakpoints';
import { RunSessions } from './run-sessions';

/**
 * How often the run on display (when nothing streamed meanwhile), the History tab and the inbox are
 * re-read, ms: a safety net only. Runs of other processes stream like our own (the engine tails
 * the journal for watched runs and sends runSummary for the history: engine/host/run-tail.ts).
 */
export const POLL_MS = 15_000;

/** `1h`, `24h`, `7d` → an ISO 8601 time that long before `nowMs`; '' → undefined. */
export function sinceTime(since: string, nowMs: number): string | undefined {
  const m = /^(\d+)([mhd])$/.exec(since);
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  return new Date(nowMs - Number(m[1]) * unit).toISOString();
}

/** Whether a summary passes the History tab's filters (the host applies them to listRuns too). */
export function matchesFilter(s: RunSummary, f: HistoryFilter, nowMs: number): boolean {
  const since = sinceTime(f.since, nowMs);
  return (
    (!f.flow || s.flow === f.flow) &&
    (!f.status || s.status === f.status) &&
    (!f.mode || s.mode === f.mode) &&
    (!since || s.startedAt >= since) &&
    (f.children || !s.parent)
  );
}

type Fail = (what: string) => (err: unknown) => void;

/** Builds the run actions over one host and store; `fail` turns errors into notices. */
export function createRunActions(host: HostApi, store: AppStore, fail: Fail, openFile: (path: string) => Promise<void>) {
  const sessions = new RunSessions();
  const get = store.getState;
  let shown: RunId | null = null;
  let isQueued = false;
  let lastEventAt = 0;

  const publishNow = () => {
    isQueued = false;
    const s = shown ? sessions.get(shown) : undefined;
    if (!s) {
      get().publishRun({ runId: shown, run: null, logs: [], events: [], attempts: [], length: 0, cursor: null });
      return;
    }
    get().publishRun({
      runId: s.id, run: s.stateAt(), logs: s.logs, events: s.events, attempts: s.attemptsAt(), length: s.length, cursor: s.cursor,
    });
  };
  /** Publishes the run on display once per task, however many events arrived in it. */
  const publish = (run: RunId | null) => {
    if (run !== shown || isQueued) return;
    isQueued = true;
    queueMicrotask(publishNow);
  };

  const catchUp = async (run: RunId) => {
    const { events } = await host.getRun({ run });
    const s = sessions.get(run);
    if (s?.add(events)) publish(run);
  };

  /** The shown run, or a notice saying there is none. */
  const current = (): RunId | null => shown;

  /** Sends a request about the run on display, then catches up (the events also stream). */
  const request = async (what: string, fn: (run: RunId) => Promise<unknown>) => {
    const run = current();
    if (!run) return;
    try {
      await fn(run);
      await catchUp(run);
    } catch (err) {
      fail(what)(err);
    }
  };

  const setClock = (run: RunId, time: VirtualTime) => {
    get().setVirtualTime({ run, now: time.now, pace: time.pace, isHeld: time.isHeld, nextTimerAt: time.nextTimerAt, receivedAt: Date.now() });
  };
  /** Reads the virtual clock of the simulation on display (none for a real run or one driven elsewhere). */
  const readClock = async (run: RunId) => {
    const first = sessions.get(run)?.events[0];
    if (first?.type !== 'RunStarted' || first.mode !== 'simulate') return;
    try {
      const time = await host.getClock({ run });
      if (run === shown) setClock(run, time);
    } catch {
      // A simulation another process drives has no clock here: the panel shows none.
    }
  };

  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  let inboxTimer: ReturnType<typeof setTimeout> | undefined;

  const runs = {
    sessions,

    /** Applies a host event: a watched run's event or log, or a run summary for the lists. */
    handle(event: HostEvent): void {
      if (event.kind === 'runSummary') {
        runs.onSummary(event);
        return;
      }
      if (event.kind === 'clock') {
        if (event.run === shown) setClock(event.run, event);
        return;
      }
      const run = sessions.handle(event);
      if (run) {
        lastEventAt = Date.now();
        publish(run);
      }
    },

    onSummary(e: Extract<HostEvent, { kind: 'runSummary' }>): void {
      const history = get().history;
      const i = history.findIndex((h) => h.id === e.run);
      if (i >= 0) {
        const next = [...history];
        next[i] = { ...history[i]!, status: e.status, ...(e.endedAt ? { endedAt: e.endedAt } : {}) };
        get().setHistory(next);
      } else if (e.started && matchesFilter(e.started, get().historyFilter, Date.now())) {
        get().setHistory([e.started, ...history]);
      }
      // The inbox depends on which runs wait: re-read it soon (once per burst).
      clearTimeout(inboxTimer);
      inboxTimer = setTimeout(() => void runs.refreshInbox(), 200);
    },

    /** Shows run `run` (or nothing): watches it, unwatches the previous one, and catches up. */
    async show(run: RunId | null): Promise<void> {
      if (run === shown) {
        if (run) await catchUp(run).catch(fail(i18n.t('notices.loadRunFailed', { run })));
        return;
      }
      const prev = shown;
      shown = run;
      if (prev) {
        sessions.unwatch(prev);
        void host.unwatchRun({ run: prev }).catch(() => undefined);
      }
      if (run) sessions.watch(run);
      get().setVirtualTime(null);
      publishNow();
      if (!run) return;
      try {
        await host.watchRun({ run });
        await catchUp(run);
        await readClock(run);
      } catch (err) {
        fail(i18n.t('notices.loadRunFailed', { run }))(err);
      }
    },

    /** Opens a run from history or the inbox: its flow file on the canvas, the run over it, the Run tab. */
    async open(run: RunId): Promise<void> {
      try {
        const { record } = await host.getRun({ run });
        if (record.flowPath && record.flowPath !== get().path) await openFile(record.flowPath);
        await runs.show(run);
        get().setBottomTab('run');
      } catch (err) {
        fail(i18n.t('notices.openRunFailed', { run }))(err);
      }
    },

    /** Starts a run of the saved file at `path` with the flow's breakpoints, and shows it. */
    async start(path: string, input: JsonObject, mode: RunMode): Promise<RunId> {
      const breakpoints = get().breakpoints[path] ?? [];
      const { run } = await host.startRun({ path, input, mode, ...(breakpoints.length ? { breakpoints } : {}) });
      await runs.show(run);
      return run;
    },

    /** Re-reads the run on display when it is unfinished and nothing streamed for a while (another process drives it). */
    async poll(): Promise<void> {
      const run = shown;
      const state = get().run;
      if (run && state && state.endedAt === null && Date.now() - lastEventAt > POLL_MS) await catchUp(run).catch(() => undefined);
      const tab = get().bottomTab;
      if (tab === 'history') await runs.refreshHistory();
      // The inbox badge shows on every tab, and approvals of other processes' runs come only this way.
      await runs.refreshInbox();
    },

    /** Time travel: shows the state after `cursor` events (null or the end: live). */
    setCursor(cursor: number | null): void {
      const s = shown ? sessions.get(shown) : undefined;
      if (!s) return;
      s.cursor = cursor === null || cursor >= s.length ? null : Math.max(1, cursor);
      publishNow();
    },

    /** Moves the shown simulation's virtual clock on: to the next timer, or by `byMs`. */
    advanceClock: (how: { to: 'next-timer' } | { byMs: number }) =>
      request(i18n.t('notices.clockFailed'), async (run) => setClock(run, await host.advanceClock({ run, ...how }))),
    /** Sets how the shown simulation's virtual clock moves. */
    setClockPace: (pace: VirtualTime['pace']) =>
      request(i18n.t('notices.clockFailed'), async (run) => setClock(run, await host.setClockPace({ run, pace }))),

    /** "Save as scenario": writes the shown finished run into its flow's scenarios file as `name`; true when saved. */
    async saveScenario(name: string): Promise<boolean> {
      const run = shown;
      if (!run) return false;
      try {
        const saved = await host.saveScenario({ run, name });
        get().notify({ kind: 'info', text: i18n.t('notices.scenarioSaved', { name: saved.name, path: saved.scenarioPath }) });
        return true;
      } catch (err) {
        fail(i18n.t('notices.saveScenarioFailed'))(err);
        return false;
      }
    },

    pause: () => request(i18n.t('notices.pauseFailed'), (run) => host.pauseRun({ run, as: get().user || undefined })),
    continue: (step = false) =>
      request(step ? i18n.t('notices.stepFailed') : i18n.t('notices.continueFailed'), (run) => host.continueRun({ run, step, as: get().user || undefined })),
    cancel: () => request(i18n.t('notices.cancelFailed'), (run) => host.cancelRun({ run, as: get().user || undefined })),
    /** Sets one variable of the paused run; `json` is the field's text. Throws a SyntaxError for bad JSON (the field shows it). */
    async editVar(name: string, json: string): Promise<void> {
      const value: unknown = JSON.parse(json);
      await request(i18n.t('notices.setVarFailed', { name }), (run) => host.editVars({ run, vars: { [name]: value } as JsonObject, as: get().user || undefined }));
    },
    skip: (step: StepId) => request(i18n.t('notices.skipFailed', { step }), (run) => host.skipStep({ run, step })),
    retry: (step: StepId) => request(i18n.t('notices.retryFailed', { step }), (run) => host.retryStep({ run, step, as: get().user || undefined })),
    /** A new run from `step` with the shown run's input, vars and earlier outputs; it is shown. */
    async runFrom(step: StepId): Promise<void> {
      const from = shown;
      const mode = get().run?.mode;
      if (!from) return;
      try {
        const path = get().path;
        const breakpoints = path ? get().breakpoints[path] ?? [] : [];
        const { run } = await host.runFrom({ run: from, step, ...(mode ? { mode } : {}), ...(breakpoints.length ? { breakpoints } : {}) });
        await runs.show(run);
      } catch (err) {
        fail(i18n.t('notices.runFromFailed', { step }))(err);
      }
    },

    async answer(run: RunId, step: StepId, verdict: 'approve' | 'reject', as: string, comment = ''): Promise<void> {
      try {
        await host.answerApproval({ run, step, verdict, as, ...(comment ? { comment } : {}) });
        if (run === shown) await catchUp(run);
        void runs.refreshInbox();
      } catch (err) {
        fail(i18n.t(verdict === 'approve' ? 'notices.approveFailed' : 'notices.rejectFailed'))(err);
      }
    },

    /** Answers a waiting callback by its token (HostApi answerCallback): an output, or an error name that fails the step. */
    async answerCallback(token: string, reply: { output: Json } | { error: string }): Promise<void> {
      try {
        await host.answerCallback({ token, ...reply });
        if (shown) await catchUp(shown);
      } catch (err) {
        fail(i18n.t('notices.callbackFailed'))(err);
      }
    },

    async extend(run: RunId, step: StepId, by: string, as: string, comment = ''): Promise<void> {
      try {
        const { dueAt } = await host.extendApproval({ run, step, by, as, ...(comment ? { comment } : {}) });
        get().notify({ kind: 'info', text: i18n.t('notices.extended', { step, time: formatDateTime(Date.parse(dueAt), i18n.language) }) });
        if (run === shown) await catchUp(run);
        void runs.refreshInbox();
      } catch (err) {
        fail(i18n.t('notices.extendFailed', { step }))(err);
      }
    },

    /** Toggles a breakpoint on `step` of the open flow; a live run of it on display gets the new set too. */
    async toggleBreakpoint(step: StepId): Promise<void> {
      const path = get().path;
      if (!path) return;
      const now = get().breakpoints[path] ?? [];
      const next = now.includes(step) ? now.filter((s) => s !== step) : [...now, step];
      get().setBreakpoints(path, next);
      saveBreakpoints(path, next);
      const run = get().run;
      if (shown && run && run.endedAt === null && run.flowPath === path) {
        await host.setBreakpoints({ run: shown, steps: next }).catch(fail(i18n.t('notices.breakpointsFailed')));
      }
    },

    /** Re-reads the run history with the History tab's filters (top-level runs, newest 200). */
    async refreshHistory(): Promise<void> {
      const f = get().historyFilter;
      const since = sinceTime(f.since, Date.now());
      try {
        const list = await host.listRuns({
          ...(f.flow ? { flow: f.flow } : {}),
          ...(f.status ? { status: f.status } : {}),
          ...(since ? { since } : {}),
          ...(f.mode ? { mode: f.mode } : {}),
          ...(f.children ? { includeChildren: true } : {}),
          limit: 200,
        });
        get().setHistory(Array.isArray(list) ? list : []);
      } catch (err) {
        fail(i18n.t('notices.listRunsFailed'))(err);
      }
    },

    /** Re-reads history soon (after a filter change; one call per burst of keystrokes). */
    refreshHistorySoon(): void {
      clearTimeout(historyTimer);
      historyTimer = setTimeout(() => void runs.refreshHistory(), 150);
    },

    /** Re-reads every approval that waits in the workspace (runs waiting, then each one's waitingFor). */
    async refreshInbox(): Promise<void> {
      try {
        const waiting = await host.listRuns({ status: 'waiting', includeChildren: true, limit: 200 });
        const items: InboxItem[] = [];
        for (const r of Array.isArray(waiting) ? waiting : []) {
          const { record } = await host.getRun({ run: r.id });
          for (const w of record.waitingFor) {
            items.push({ run: r.id, flow: r.flow, mode: r.mode, step: w.step, message: w.message, approvers: w.approvers, dueAt: w.dueAt });
          }
        }
        get().setInbox(items);
      } catch (err) {
        fail(i18n.t('notices.listApprovalsFailed'))(err);
      }
    },

    /** Wires what runs need once: the user name, breakpoints of each opened file, polling. Returns a stop. */
    wire(): () => void {
      void host
        .getWorkspace({})
        .then((ws) => {
          if (!get().user) get().setUser(ws.user || 'designer');
        })
        .catch(() => undefined);
      const unsub = store.subscribe((s, prev) => {
        if (s.path && s.path !== prev.path && s.breakpoints[s.path] === undefined) get().setBreakpoints(s.path, loadBreakpoints(s.path));
        if (s.bottomTab !== prev.bottomTab && s.bottomTab === 'history') void runs.refreshHistory();
        if (s.bottomTab !== prev.bottomTab && s.bottomTab === 'approvals') void runs.refreshInbox();
      });
      // The inbox badge and past-run ETAs need both lists from the start, not only once their tab opens.
      void runs.refreshHistory();
      void runs.refreshInbox();
      const timer = setInterval(() => void runs.poll(), POLL_MS);
      return () => {
        unsub();
        clearInterval(timer);
      };
    },
  };
  return runs;
}

export type RunActions = ReturnType<typeof createRunActions>;
