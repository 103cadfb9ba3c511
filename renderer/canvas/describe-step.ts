/**
 * One-line descriptions of steps for node subtitles and lists: what the step does, in the
 * words an ops engineer would scan for (executor and its target, approvers, case count).
 */
import { taskExecutor, type Step } from '../../engine/model/flow';
import { i18n } from '../i18n';
import type { IconName } from './icons';

// Called during render of components that use useTranslation, so they re-render on a language change.
const t = i18n.t.bind(i18n);

const clip = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The icon of a step: task executors have their own, other steps use their type's. */
export function stepIcon(step: Step): IconName {
  if (step.type !== 'task') return step.type;
  return taskExecutor(step) ?? 'task';
}

/** A short type label (`shell task`, `approval`). */
export function stepKindLabel(step: Step): string {
  if (step.type !== 'task') return t(`stepType.${step.type}`);
  const ex = taskExecutor(step);
  return ex ? t('stepType.executorTask', { executor: ex }) : t('stepType.task');
}

/** What the step does, in one short line. */
export function stepSubtitle(step: Step): string {
  switch (step.type) {
    case 'task': {
      if (step.shell !== undefined) return clip(typeof step.shell === 'string' ? step.shell : step.shell.command);
      if (step.http) return clip(`${step.http.method ?? 'GET'} ${step.http.url.replace(/^https?:\/\/[^/]+/, '') || '/'}`);
      if (step.script !== undefined) return t('describe.javascript');
      if (step.call !== undefined) return clip(t('describe.calls', { flow: typeof step.call === 'string' ? step.call : step.call.flow }));
      if (step.notify !== undefined) return t('describe.notification');
      return t('describe.noExecutor');
    }
    case 'approval':
      return clip(step.approvers.length ? step.approvers.join(', ') : t('describe.noApprovers'));
    case 'branch':
      return `${t('describe.cases', { count: step.cases.length })}${step.default ? t('describe.plusDefault') : ''}`;
    case 'parallel':
      return t('describe.branches', { count: step.branches.length, join: step.join || '?' });
    case 'join': {
      const m = step.mode ?? 'all';
      return t('describe.waitFor', { mode: typeof m === 'string' ? m : m.count });
    }
    case 'map':
      return clip(t('describe.forEach', { items: step.items }));
    case 'wait':
      return clip(step.duration ? t('describe.waitDuration', { duration: step.duration }) : t('describe.waitUntil', { until: step.until ?? '?' }));
    case 'succeed':
      return t('describe.endSuccess');
    case 'fail':
      return clip(t('describe.endFailure', { error: step.error ?? t('describe.failure') }));
  }
}
