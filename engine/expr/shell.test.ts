import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Json } from '../model/flow.js';
import type { Bindings } from './evaluate.js';
import { interpolateShell } from './shell.js';

const folder = mkdtempSync(join(tmpdir(), 'flowsmith-shell-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const pwned = join(folder, 'pwned');

const withInput = (value: Json): Bindings => ({
  input: { value, version: '1.4.2' },
  vars: {},
  steps: {},
  run: { id: 'r1', flow: 'f' },
});

/** Interpolates and runs the command with /bin/sh -c, as the shell executor does. */
async function run(command: string, value: Json): Promise<string> {
  const prepared = await interpolateShell(command, withInput(value));
  const result = spawnSync('/bin/sh', ['-c', prepared.command], {
    env: { ...process.env, ...prepared.env },
    encoding: 'utf8',
    cwd: folder,
  });
  return result.stdout;
}

describe('interpolateShell', () => {
  it('moves values into FLOWSMITH_ARG_n and references them', async () => {
    const out = await interpolateShell('deploy {{ $input.version }} "to {{ $input.value }}"', withInput({ a: 1 }));
    expect(out).toEqual({
      command: 'deploy "${FLOWSMITH_ARG_0}" "to ${FLOWSMITH_ARG_1}"',
      env: { FLOWSMITH_ARG_0: '1.4.2', FLOWSMITH_ARG_1: '{"a":1}' },
    });
  });

  it.each([
    `"; touch ${pwned}; echo "`,
    `'; touch ${pwned}; echo '`,
    `$(touch ${pwned})`,
    `\`touch ${pwned}\``,
    `x\ntouch ${pwned}`,
    `a && touch ${pwned} || true`,
    `\${IFS}; touch ${pwned}`,
  ])('never runs an inserted value as code: %j', async (value) => {
    const commands = [
      'echo {{ $input.value }}',
      'echo "v={{ $input.value }}"',
      "echo 'v={{ $input.value }}'",
      'echo v={{ $input.value }}x',
      'cat <<EOF\n{{ $input.value }}\nEOF',
    ];
    for (const command of commands) {
      const out = await run(command, value);
      expect(existsSync(pwned), `${command} ran ${value}`).toBe(false);
      expect(out).toContain(value);
    }
  });

  it('keeps a value with spaces or globs as one word', async () => {
    expect(await run('printf "[%s]" {{ $input.value }}', 'a b *')).toBe('[a b *]');
  });

  it('expands inside single quotes by closing them around the reference', async () => {
    expect(await run(`printf '%s' 'v={{ $input.value }};'`, "it's")).toBe("v=it's;");
    expect(await run(`printf '%s' '{{ "{{" }}.Names}}'`, null)).toBe('{{.Names}}');
  });

  it('expands in an unquoted heredoc and not in a quoted one', async () => {
    expect(await run('cat <<EOF\nv={{ $input.value }}\nEOF\necho after {{ $input.version }}', 'x y')).toBe(
      'v=x y\nafter 1.4.2\n',
    );
    expect(await run("cat <<'EOF'\nv={{ $input.value }}\nEOF", 'x')).toBe('v=${FLOWSMITH_ARG_0}\n');
    expect(await run('cat <<-END\n\tv={{ $input.value }}\n\tEND\necho "{{ $input.version }}"', 'x')).toBe(
      'v=x\n1.4.2\n',
    );
  });

  it('is not confused by quotes in comments or escaped quotes', async () => {
    expect(await run("# don't\necho {{ $input.value }}", 'a b')).toBe('a b\n');
    expect(await run("echo \\' {{ $input.value }}", 'a b')).toBe("' a b\n");
  });

  it('passes non-string values as JSON', async () => {
    expect(await run('printf %s {{ $input.value }}', { list: [1, 2] })).toBe('{"list":[1,2]}');
    expect(await run('printf %s {{ $input.value }}', null)).toBe('null');
  });
});
