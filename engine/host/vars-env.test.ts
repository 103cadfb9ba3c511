/**
 * `{{ }}` in `vars` is evaluated when the run starts, and in a shell step's `env:` values when the
 * step runs (issue #11 item 14): a run printed `label=v{{ $input.version }}` before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

describe('vars and env templates', () => {
  it('evaluates vars at run start and env values as environment, never as command text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-vars-env-'));
    const flow = join(dir, 'label.yaml');
    writeFileSync(
      flow,
      [
        'flowsmith: "1.0"',
        'name: label',
        'inputs: {type: object, properties: {version: {type: string}, note: {type: string}}}',
        'vars: {label: "v{{ $input.version }}", major: "{{ $input.version = \\"1.4.2\\" }}"}',
        'start: show',
        'steps:',
        '  show:',
        '    type: task',
        '    shell:',
        '      command: printf "label=%s major=%s note=%s" "$LABEL" "$MAJOR" "$NOTE"',
        '      env: {LABEL: "{{ $vars.label }}", MAJOR: "{{ $vars.major }}", NOTE: "[{{ $input.note }}]"}',
        '',
      ].join('\n'),
    );
    const service = new RunService({ journal: openJournal(join(dir, 'store.db')), workRoot: join(dir, 'runs') });
    const note = `$(touch ${join(dir, 'pwned')}); echo "`;
    const state = await service.drive(service.startRun({ path: flow, input: { version: '1.4.2', note } }), { stopWhenWaiting: true });
    expect(state.vars).toEqual({ label: 'v1.4.2', major: true });
    expect((state.steps.show?.output as { stdout: string }).stdout).toBe(`label=v1.4.2 major=true note=[${note}]`);
  });
});
