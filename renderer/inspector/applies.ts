/**
 * Which of the fields every step may carry (DESIGN.md "Step types": next, timeout, retry, catch,
 * continueOnError, compensate, output, set, mock) the inspector shows for a step type: the ones
 * the runtime gives a meaning there. An approval's timeout is how long people have, so it sits with
 * the approval fields, and an approval is never retried (issue #8: "approvals show approval
 * fields, not retry"). A field the document already holds is shown anyway, so it can be changed or
 * removed.
 */
import type { Step } from '../../engine/model/flow';

export type CommonField = 'next' | 'timeout' | 'retry' | 'catch' | 'continueOnError' | 'compensate' | 'output' | 'set' | 'mock';

const byType: Record<Step['type'], readonly CommonField[]> = {
  task: ['next', 'timeout', 'retry', 'catch', 'continueOnError', 'compensate', 'output', 'set', 'mock'],
  approval: ['next', 'catch', 'continueOnError', 'output', 'set', 'mock'],
  map: ['next', 'timeout', 'catch', 'continueOnError', 'compensate', 'output', 'set', 'mock'],
  join: ['next', 'output', 'set'],
  wait: ['next', 'set'],
  branch: [],
  parallel: [],
  succeed: ['output'],
  fail: [],
};

/** True when the inspector shows common field `field` for `step`. */
export function applies(step: Step, field: CommonField): boolean {
  return (byType[step.type] ?? []).includes(field) || (step as unknown as Record<string, unknown>)[field] !== undefined;
}
