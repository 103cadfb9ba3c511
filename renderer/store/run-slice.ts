/**
 * The run slice: what React draws of runs. The run on display is a view of one RunSession
 * (run/run-session.ts) at its cursor: `run` is the engine's folded RunState there, shared with the
 * session and changed in place as events stream (never copied per event), so components select
 * primitives (`s.run?.steps[id]?.status`) or read it under `runTick`, which moves on every change.
 * Beside it: the workspace's run history, the approvals inbox, breakpoints per flow file and the
 * identity requests are made as.
 */
import type { StateCreator } from 'zustand';
import type { RunSummary, StepLogLine, VirtualTime } from '../../engine/host/api';
import type { StepId } from '../../engine/model/flow';
import type { RunEvent, RunId } from '../../engine/runtime/events';
import type { RunState } from '../../engine/runtime/state';
import type { AttemptEntry } from '../run/attempts';
import type { AppState } from './store';

/** Bottom-panel tabs this slice's views fill (panels/run-tabs.tsx lists them). */
export type RunTabId = 'run' | 'history' | 'approvals' | 'scenarios' | 'analytics';

/** History filters as the History tab's controls hold them; `since` is a duration word (`1h`, `24h`, `7d`) or ''. */
export interface HistoryFilter {
  flow: string;
  status: string;
  since: string;
  mode: '' | 'run' | 'simulate';
  /** Also list child runs (map items, called flows), as `flowsmith runs --all` does. */
  children: boolean;
}

/** One approval waiting anywhere in the workspace (approvals inbox). `dueAt` ISO 8601 or null. */
export interface InboxItem {
  run: RunId;
  flow: string;
  mode: string;
  step: StepId;
  message: string;
  approvers: string[];
  dueAt: string | null;
}

/** What the run sessions publish about the run on display. */
export interface RunView {
  runId: RunId | null;
  run: RunState | null;
  logs: StepLogLine[];
  /** The session's journal (shared array; read under runTick). */
  events: readonly RunEvent[];
  /** Every step attempt at the cursor (shared; read under runTick). */
  attempts: readonly AttemptEntry[];
  /** Events held. */
  length: number;
  /** Time-travel position (events folded into `run`), or null for live. */
  cursor: number | null;
}

/** The virtual clock of the simulation on display, as last reported, with the wall-clock time it came (epoch ms). */
export type ShownClock = VirtualTime & { run: RunId; receivedAt: number };

export interface RunSlice {
  /** Id of the run on display (set as soon as startRun answers or a run is opened). */
  runId: RunId | null;
  /** Folded state of that run at the cursor; null until its first event arrived. */
  run: RunState | null;
  /** Log lines of that run, in arrival order (stored ones replace streamed ones per step). */
  logs: StepLogLine[];
  runEvents: readonly RunEvent[];
  /** Step attempts at the cursor, in start order (the path, each attempt with its own outcome). */
  runAttempts: readonly AttemptEntry[];
  runLength: number;
  runCursor: number | null;
  /** Moves on every publish of the run on display; select it to re-render on in-place changes. */
  runTick: number;
  /** True between pressing Run and the host answering. */
  isStarting: boolean;
  history: RunSummary[];
  historyFilter: HistoryFilter;
  inbox: InboxItem[];
  /** The identity for approvals and debugging requests: the OS user name (getWorkspace), editable. */
  user: string;
  /** Breakpoints per flow file path (kept in localStorage by run/breakpoints.ts, never in the YAML). */
  breakpoints: Record<string, StepId[]>;
  /** The virtual clock of the simulation on display (HostApi getClock and `clock` events), or null. */
  virtualTime: ShownClock | null;
  setVirtualTime(time: ShownClock | null): void;
  /** Shows `run` as it is (older callers); publishRun is the sessions' way. */
  showRun(runId: RunId | null, run: RunState | null, logs: StepLogLine[]): void;
  publishRun(view: RunView): void;
  setStarting(isStarting: boolean): void;
  setHistory(history: RunSummary[]): void;
  setHistoryFilter(filter: Partial<HistoryFilter>): void;
  setInbox(inbox: InboxItem[]): void;
  setUser(user: string): void;
  setBreakpoints(path: string, steps: StepId[]): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  runId: null,
  run: null,
  logs: [],
  runEvents: [],
  runAttempts: [],
  runLength: 0,
  runCursor: null,
  runTick: 0,
  isStarting: false,
  history: [],
  historyFilter: { flow: '', status: '', since: '', mode: '', children: false },
  inbox: [],
  user: '',
  breakpoints: {},
  virtualTime: null,
  setVirtualTime: (virtualTime) => set({ virtualTime }),
  showRun: (runId, run, logs) =>
    set((s) => ({ runId, run, logs, runEvents: [], runAttempts: [], runLength: run?.seq ?? 0, runCursor: null, runTick: s.runTick + 1 })),
  publishRun: (v) =>
    set((s) => ({ runId: v.runId, run: v.run, logs: v.logs, runEvents: v.events, runAttempts: v.attempts, runLength: v.length, runCursor: v.cursor, runTick: s.runTick + 1 })),
  setStarting: (isStarting) => set({ isStarting }),
  setHistory: (history) => set({ history }),
  setHistoryFilter: (filter) => set((s) => ({ historyFilter: { ...s.historyFilter, ...filter } })),
  setInbox: (inbox) => set({ inbox }),
  setUser: (user) => set({ user }),
  setBreakpoints: (path, steps) => set((s) => ({ breakpoints: { ...s.breakpoints, [path]: steps } })),
});

/** Selector: whether step `id` of the open flow has a breakpoint (canvas nodes read it). */
export const selectHasBreakpoint =
  (id: StepId) =>
  (s: AppState): boolean =>
    s.path !== null && (s.breakpoints[s.path]?.includes(id) ?? false);
