/**
 * Templates where bash evaluates a value as code (issue #11 item 4): `$(( ))`, `(( ))`, `$[ ]`,
 * `let`, `[[ ]]` and array subscripts read `a[$(cmd)]` as arithmetic and run cmd, whatever the
 * quoting. interpolateShell refuses them; every command it accepts is run here under real bash
 * with that payload, and the canary file must never appear.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bindings } from './evaluate.js';
import { ExpressionError } from './evaluate.js';
import { interpolateShell } from './shell.js';

const folder = mkdtempSync(join(tmpdir(), 'flowsmith-shell-code-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const canary = join(folder, 'pwned');
const payloads = [`a[$(touch ${canary})]`, `x[\`touch ${canary}\`]`, `$(touch ${canary})`, `1+a[$(touch ${canary})]`];
const bindings = (value: string): Bindings => ({ input: { v: value, n: 3 }, vars: {}, steps: {}, run: { id: 'r1', flow: 'f' } });

const refused: [string, string][] = [
  ['echo $(( {{ $input.v }} + 1 ))', '$(( ))'],
  ['echo "$(( {{ $input.v }} ))"', '$(( ))'],
  ['echo $(( $(printf %s {{ $input.v }}) ))', '$(( ))'],
  ['(( {{ $input.v }} > 2 )) && echo big', '(( ))'],
  ['echo $[ {{ $input.v }} ]', '$[ ]'],
  ['let "n = {{ $input.v }}"; echo $n', 'let'],
  ['if [[ {{ $input.v }} -eq 3 ]]; then echo three; fi', '[[ ]]'],
  ['[[ "{{ $input.v }}" -lt 5 ]] && echo small', '[[ ]]'],
  ["[[ '{{ $input.v }}' -gt 1 ]] || echo no", '[[ ]]'],
  ['a=(1 2 3); echo "${a[{{ $input.v }}]}"', 'an array subscript'],
  ['a[{{ $input.v }}]=1', 'an array subscript'],
  ['s=abcdef; echo "${s:{{ $input.v }}:2}"', '${name:offset:length}'],
  ['x=1\necho ok\necho $(( x + {{ $input.v }} ))', '$(( ))'],
  ['cat <<EOF\n$(( {{ $input.v }} ))\nEOF', '$(( ))'],
  // The value of an integer variable is arithmetic (declare/typeset/local -i), then and later.
  ['declare -i n={{ $input.v }}; echo $n', 'declare -i'],
  ["declare -i n='{{ $input.v }}'; echo $n", 'declare -i'],
  ['typeset -i n="{{ $input.v }}"; echo $n', 'declare -i'],
  ['f() { local -ri n={{ $input.v }}; echo $n; }; f', 'declare -i'],
  ['declare -ai a=({{ $input.v }} 2); echo ${a[0]}', 'declare -i'],
  ['declare -i n\nn={{ $input.v }}\necho $n', 'an integer variable'],
  ['typeset -i n; n+={{ $input.v }}; echo $n', 'an integer variable'],
  ['declare -i n; declare n={{ $input.v }}; echo $n', 'declare -i'],
  // let also after builtin/command, and its arguments whatever their quoting.
  ["let 'n = {{ $input.v }}'; echo $n", 'let'],
  ['builtin let n={{ $input.v }}; echo $n', 'let'],
  // A name that printf -v or a declaring builtin assigns evaluates its subscript.
  ["a=(1 2); printf -v 'a[{{ $input.v }}]' %s x; echo ${a[0]}", 'printf -v'],
  ['printf -v "a[{{ $input.v }}]" %s x', 'printf -v'],
  ['printf -v {{ $input.v }} %s x', 'printf -v'],
  ["declare 'a[{{ $input.v }}]=1'", 'a declared name'],
  ['local -a "a[{{ $input.v }}]"=1 2>/dev/null; export {{ $input.v }}=1', 'a declared name'],
];

const accepted = [
  'echo {{ $input.v }}',
  'echo "$(( 1 + 2 )) {{ $input.v }}"',
  'echo $(( 1 + 2 )) {{ $input.v }}',
  "echo '$(( {{ $input.v }} ))'",
  'n={{ $input.v }}; echo "$n"',
  '[ "{{ $input.v }}" = 3 ] || echo not-three',
  '[ "{{ $input.v }}" -eq 3 ] 2>/dev/null || echo not-a-number',
  'case {{ $input.v }} in 3) echo three;; *) echo other;; esac',
  's=abc; echo "${s:-{{ $input.v }}}" "${t:={{ $input.v }}}"',
  'a=({{ $input.v }} x); echo "${a[1]}"',
  '[[ -n x ]] && echo {{ $input.v }}',
  'echo {{ $input.n + 1 }}',
  "cat <<'EOF'\n$(( {{ $input.v }} ))\nEOF",
  'echo "[[ {{ $input.v }} ]]" let {{ $input.v }}',
  // Plain declarations keep values as text; only -i (and names) evaluate.
  'declare msg={{ $input.v }}; echo "$msg"',
  'declare "msg={{ $input.v }}"; echo "$msg"',
  'local_v={{ $input.v }}; echo "$local_v"',
  'declare -r ro={{ $input.v }}; echo "$ro"',
  'declare -i n=3; m={{ $input.v }}; echo "$m"',
  'printf -v out %s {{ $input.v }}; echo "$out"',
  'printf "%s -v %s" -v {{ $input.v }}',
  "cat <<EOF\ndeclare -i n={{ $input.v }}\nEOF",
  '# declare -i n={{ $input.v }}\necho ok',
  'echo declare -i n={{ $input.v }}',
];

describe('templates in bash code contexts', () => {
  it.each(refused)('refuses %j (%s)', async (command, where) => {
    const error = await interpolateShell(command, bindings('1')).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as Error).message).toContain(`stands inside ${where}, where bash evaluates a value as code`);
  });

  it.each(accepted)('runs %j under bash without running the payload', async (command) => {
    for (const payload of payloads) {
      const prepared = await interpolateShell(command, bindings(payload));
      spawnSync('/bin/bash', ['-c', prepared.command], { env: { ...process.env, ...prepared.env }, cwd: folder, encoding: 'utf8' });
      expect(existsSync(canary), `${command} with ${payload}`).toBe(false);
    }
  });

  it.each([
    ['declare -i n="$P"'],
    ['typeset -i n; n="$P"'],
    ['f() { local -i n="$P"; }; f'],
    ['a=(1); printf -v "$P" %s x'],
    ['declare "$P=1"'],
    ["let 'n = P'"],
  ])('would run the payload under bash in %j were such a template let through (the refusal is needed)', (command) => {
    const result = spawnSync('/bin/bash', ['-c', command.replace("'n = P'", '"n = $P"')], { env: { ...process.env, P: payloads[0]! }, cwd: folder, encoding: 'utf8' });
    expect(result.status).not.toBeNull();
    expect(existsSync(canary)).toBe(true);
    rmSync(canary);
  });

  it('would run the payload under bash were the refused commands let through (the refusal is needed)', () => {
    const result = spawnSync('/bin/bash', ['-c', 'echo $(( ${FLOWSMITH_ARG_0} + 1 ))'], { env: { ...process.env, FLOWSMITH_ARG_0: payloads[0]! }, cwd: folder, encoding: 'utf8' });
    expect(result.status).not.toBeNull();
    expect(existsSync(canary)).toBe(true);
    rmSync(canary);
  });
});
