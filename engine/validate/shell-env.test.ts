/**
 * A shell step's `env:` values are validated like every other template (issue #11 item 14), with
 * line:col: FS019 for a template that does not parse, FS030 for `$input`/`$steps` references to
 * nothing, no FS027 (values never become command text), `{{ $env.NAME }}` accepted and redacted as
 * a secret; and FS032 for a secret written as literal text.
 */
import { describe, expect, it } from 'vitest';
import { secretNames } from '../runtime/secrets.js';
import { validateText } from './index.js';

const text = `flowsmith: "1.0"
name: envs
inputs:
  type: object
  properties:
    version: {type: string}
    n: {type: integer}
start: a
steps:
  a:
    type: task
    shell:
      command: echo "$V" $(( {{ $input.n }} + 1 ))
      env:
        V: "{{ $input.versoin }}"
        S: "{{ $steps.nope.output }}"
        B: "{{ 1 + }}"
        N: "$(( {{ $input.n }} + 1 ))"
        API_TOKEN: "{{ $env.API_TOKEN }}"
        DB_PASSWORD: hunter2-is-not-a-password
        USE_KEYRING: "true"
    next: each
  each:
    type: map
    items: "[1, 2]"
    start: one
    steps:
      one:
        type: task
        shell:
          command: echo "$X"
          env:
            X: "{{ $steps.gone.output }}"
`;

const found = validateText(text, 'envs.yaml').findings;
const at = (code: string) => found.filter((f) => f.code === code).map((f) => `${f.line}:${f.col} ${f.step} ${f.path}`);

describe('env values of shell steps', () => {
  it('reports unknown $input and $steps references at their line:col (FS030), also in map bodies', () => {
    expect(at('FS030')).toEqual([
      '15:12 a /steps/a/shell/env/V',
      '16:12 a /steps/a/shell/env/S',
      '33:16 one /steps/each/steps/one/shell/env/X',
    ]);
    expect(found.find((f) => f.path === '/steps/a/shell/env/V')?.message).toMatch(/did you mean "version"/);
  });

  it('reports a template that does not parse (FS019)', () => {
    expect(at('FS019')).toEqual(['17:12 a /steps/a/shell/env/B']);
  });

  it('refuses {{ }} in bash arithmetic in the command, not in an env value, which is never code (FS027)', () => {
    expect(at('FS027')).toEqual(['13:16 a /steps/a/shell/command']);
  });

  it('accepts a secret read from the environment, and the host passes and redacts it', () => {
    expect(found.filter((f) => f.path === '/steps/a/shell/env/API_TOKEN')).toEqual([]);
    const { loaded } = validateText(text, 'envs.yaml');
    expect(secretNames(loaded.flow!)).toContain('API_TOKEN');
  });

  it('warns about a secret written as literal text (FS032), not about short flags', () => {
    expect(at('FS032')).toEqual(['20:22 a /steps/a/shell/env/DB_PASSWORD']);
    expect(found.find((f) => f.code === 'FS032')).toMatchObject({ severity: 'warning' });
    expect(found.find((f) => f.code === 'FS032')?.message).toMatch(/\{\{ \$env\.DB_PASSWORD \}\}/);
  });
});
