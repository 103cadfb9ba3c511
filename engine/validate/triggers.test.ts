/**
 * Webhook triggers and trigger concurrency in the flow format (issue #12 part 2): the schema
 * (FS010) takes `webhook: {name, secretEnv}` and `concurrency: allow | forbid | queue`, and FS031
 * flags what only the document as a whole shows.
 */
import { describe, expect, it } from 'vitest';
import { codesOf, findingsWith } from './test-helpers.js';

/** A valid one-step flow with `triggers` lines (each a list item); triggers start on line 4. */
const withTriggers = (triggers: string[]) =>
  ['flowsmith: "1.0"', 'name: t', 'triggers:', ...triggers.map((t) => `  - ${t}`), 'start: a', 'steps:', '  a: {type: succeed}', ''].join('\n');

describe('webhook triggers and concurrency', () => {
  it('accepts webhook and cron triggers with each concurrency policy', () => {
    const text = withTriggers([
      '{webhook: {name: deploy, secretEnv: DEPLOY_HOOK_SECRET}, concurrency: forbid}',
      '{webhook: {name: build-2, secretEnv: _X}}',
      '{cron: "0 * * * *", concurrency: queue}',
      '{cron: "0 1 * * *", timezone: Asia/Shanghai, input: {a: 1}, concurrency: allow}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });

  it('refuses a trigger with both or neither of cron and webhook, bad names and unknown policies (FS010)', () => {
    const schemaMessages = (t: string) => findingsWith('FS010', withTriggers([t])).map((f) => f.message);
    expect(schemaMessages('{cron: "* * * * *", webhook: {name: a, secretEnv: S}}').join()).toMatch(/only one of cron, webhook/);
    expect(schemaMessages('{concurrency: allow}').join()).toMatch(/needs one of cron, webhook/);
    expect(schemaMessages('{webhook: {name: "../x", secretEnv: S}}').join()).toMatch(/triggers\[0\]\.webhook\.name/);
    expect(schemaMessages('{webhook: {name: a, secretEnv: "A B"}}').join()).toMatch(/secretEnv/);
    expect(schemaMessages('{webhook: {name: a}}').join()).toMatch(/secretEnv/);
    expect(schemaMessages('{cron: "* * * * *", concurrency: replace}').join()).toMatch(/allow, forbid, queue/);
  });

  it('flags timezone or input on a webhook and a webhook name used twice (FS031), located', () => {
    const text = withTriggers([
      '{webhook: {name: go, secretEnv: S}, input: {a: 1}}',
      '{webhook: {name: go, secretEnv: T}, timezone: UTC}',
    ]);
    const found = findingsWith('FS031', text);
    expect(found.map((f) => [f.line, f.path])).toEqual([
      [4, '/triggers/0/input'],
      [5, '/triggers/1/webhook/name'],
      [5, '/triggers/1/timezone'],
    ]);
    expect(found[0]?.message).toMatch(/POSTed JSON body is its run input/);
    expect(found[1]?.message).toMatch(/"go" is used by triggers\[0\] already/);
  });
});
