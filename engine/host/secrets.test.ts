import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

const SECRET = 's3cr3t-"quoted"-value';

afterEach(() => {
  delete process.env.FS_TEST_TOKEN;
});

describe('$env secrets', () => {
  it('gives steps the value and never journals it in clear', async () => {
    process.env.FS_TEST_TOKEN = SECRET;
    const dir = mkdtempSync(join(tmpdir(), 'fs-secrets-'));
    writeFileSync(
      join(dir, 's.yaml'),
      [
        'flowsmith: "1.0"',
        'name: s',
        'start: use',
        'steps:',
        '  use:',
        '    type: task',
        '    shell: "printf %s {{ $env.FS_TEST_TOKEN }} > token.txt; echo token={{ $env.FS_TEST_TOKEN }}"',
        '    output: $.stdout',
        '    set: {copy: $}',
        '    next: check',
        '  check:',
        '    type: branch',
        '    cases: [{when: $length($env.FS_TEST_TOKEN) > 3, next: ok}]',
        '    default: bad',
        '  ok: {type: succeed}',
        '  bad: {type: fail}',
        '',
      ].join('\n'),
    );
    const journal = openJournal(join(dir, 'store.db'));
    const service = new RunService({ journal, workRoot: join(dir, 'runs') });
    const state = await service.drive(service.startRun({ path: join(dir, 's.yaml') }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(['use', 'check', 'ok']);
    // The shell got the real value (through the environment, not the command text)…
    expect(readFileSync(join(state.workdir, 'token.txt'), 'utf8')).toBe(SECRET);
    // …while the journal, the logs and the state hold only the redacted form.
    const stored = JSON.stringify(journal.events(state.id)) + JSON.stringify(journal.logs(state.id));
    expect(stored).not.toContain('s3cr3t');
    expect(stored).toContain('***FS_TEST_TOKEN***');
    expect(state.steps.use?.output).toBe('token=***FS_TEST_TOKEN***');
    expect(state.vars.copy).toBe('token=***FS_TEST_TOKEN***');
  });
});
