/**
 * Status → color on the canvas (issue #2): pending blue, running yellow (pulsing), succeeded
 * green, failed red, skipped and cancelled grey, waiting (approval or a wait step's timer) orange,
 * backing off (before a retry) amber and still, compensated purple.
 */
import type { RunStatus, StepStatus } from '../../engine/runtime/state';

export interface StatusLook {
  /** Accent: node border and stripe, status dot. */
  accent: string;
  /** Light background tint of a node or chip. */
  tint: string;
  /** Text shown in badges. */
  label: string;
  /** True when the node pulses (CSS animation). */
  isAnimated: boolean;
}

const looks: Record<StepStatus, StatusLook> = {
  pending: { accent: '#3b82f6', tint: '#eff6ff', label: 'Pending', isAnimated: false },
  running: { accent: '#eab308', tint: '#fefce8', label: 'Running', isAnimated: true },
  // Between a failed attempt and its retry: the engine waits, nothing executes (issue #10).
  'backing-off': { accent: '#d97706', tint: '#fffbeb', label: 'Backing off', isAnimated: false },
  waiting: { accent: '#f97316', tint: '#fff7ed', label: 'Waiting', isAnimated: false },
  succeeded: { accent: '#16a34a', tint: '#f0fdf4', label: 'Succeeded', isAnimated: false },
  failed: { accent: '#dc2626', tint: '#fef2f2', label: 'Failed', isAnimated: false },
  skipped: { accent: '#9ca3af', tint: '#f3f4f6', label: 'Skipped', isAnimated: false },
  cancelled: { accent: '#6b7280', tint: '#f3f4f6', label: 'Cancelled', isAnimated: false },
  compensated: { accent: '#9333ea', tint: '#faf5ff', label: 'Compensated', isAnimated: false },
};

/** How a step status is drawn; unknown words (a newer engine) fall back to pending. */
export function statusLook(status: string): StatusLook {
  return looks[status as StepStatus] ?? looks.pending;
}

const runLooks: Record<RunStatus, StepStatus> = {
  running: 'running',
  paused: 'waiting',
  waiting: 'waiting',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** How a run status is drawn, borrowing the step colors (paused and waiting are orange). */
export function runStatusLook(status: string): StatusLook {
  const look = statusLook(runLooks[status as RunStatus] ?? 'pending');
  return { ...look, label: status.charAt(0).toUpperCase() + status.slice(1) };
}
