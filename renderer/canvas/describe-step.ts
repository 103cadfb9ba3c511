/**
 * One-line descriptions of steps for node subtitles and lists: what the step does, in the
 * words an ops engineer would scan for (executor and its target, approvers, case count).
 */
import { taskExecutor, type Step } from '../../engine/model/flow';
import type { IconName } from './icons';

const clip = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The icon of a step: task executors have their own, other steps use their type's. */
export function stepIcon(step: Step): IconName {
  if (step.type !== 'task') return step.type;
  return taskExecutor(step) ?? 'task';
}

/** A short type label (`shell task`, `approval`). */
export function stepKindLabel(step: Step): string {
  if (step.type !== 'task') return step.type;
  const ex = taskExecutor(step);
  return ex ? `${ex} task` : 'task';
}

/** What the step does, in one short line. */
export function stepSubtitle(step: Step): string {
  switch (step.type) {
    case 'task': {
      if (step.shell !== undefined) return clip(typeof step.shell === 'string' ? step.shell : step.shell.command);
      if (step.http) return clip(`${step.http.method ?? 'GET'} ${step.http.url.replace(/^https?:\/\/[^/]+/, '') || '/'}`);
      if (step.script !== undefined) return 'JavaScript';
      if (step.call !== undefined) return clip(`calls ${typeof step.call === 'string' ? step.call : step.call.flow}`);
      if (step.notify !== undefined) return 'notification';
      return 'no executor';
    }
    case 'approval':
      return clip(step.approvers.length ? step.approvers.join(', ') : 'no approvers');
    case 'branch':
      return `${step.cases.length} case${step.cases.length === 1 ? '' : 's'}${step.default ? ' + default' : ''}`;
    case 'parallel':
      return `${step.branches.length} branch${step.branches.length === 1 ? '' : 'es'} → ${step.join || '?'}`;
    case 'join': {
      const m = step.mode ?? 'all';
      return typeof m === 'string' ? `wait for ${m}` : `wait for ${m.count}`;
    }
    case 'map':
      return clip(`for each ${step.items}`);
    case 'wait':
      return clip(step.duration ? `for ${step.duration}` : `until ${step.until ?? '?'}`);
    case 'succeed':
      return 'end: success';
    case 'fail':
      return clip(`end: ${step.error ?? 'failure'}`);
  }
}
