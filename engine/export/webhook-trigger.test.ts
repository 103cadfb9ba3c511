/**
 * Webhook triggers (issue #12 part 2) are served by `flowsmith serve` only: every export target
 * reports them as a finding instead of dropping them silently (DESIGN.md "Export and import"), and
 * keeps exporting the cron triggers beside them.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { exportFlow, exportTargets } from './index.js';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'hooked',
  triggers: [{ webhook: { name: 'deploy', secretEnv: 'DEPLOY_SECRET' }, concurrency: 'forbid' }, { cron: '0 2 * * *' }],
  start: 'a',
  steps: { a: { type: 'succeed' } },
};

describe('exporting a flow with a webhook trigger', () => {
  it.each(exportTargets)('%s reports the webhook trigger and still handles the cron one', (target) => {
    const result = exportFlow(flow, target);
    const messages = result.findings.map((f) => f.message).join('\n');
    expect(messages).toMatch(/webhook trigger "deploy"/);
    expect(messages).not.toMatch(/undefined/);
    expect(result.text).not.toContain('DEPLOY_SECRET');
  });
});
