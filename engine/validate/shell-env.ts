/**
 * Secrets in a shell step's `env:` (issue #11 item 14). Env values are templates like any other
 * string of the flow (expressions.ts: FS019, FS023; references.ts: FS030), reach the process as
 * environment values and never as command text (so FS027 does not apply to them), and may read a
 * secret as `{{ $env.NAME }}` (runtime/secrets.ts then redacts its value). What this adds: a
 * variable named like a secret whose value is literal text (FS032, a warning), since that text is a
 * credential stored in the flow file, its Git history and every export of it.
 */
import { findTemplates } from '../expr/templates.js';
import { Code } from '../model/finding.js';
import { dottedPath, type Issue } from './issue.js';
import { isObject, scopesOf, type Scope } from './scopes.js';

/**
 * Names that say they hold a secret: the same words the engine redacts inherited variables by
 * (engine/README.md "Secrets"). `USE_KEYRING=true` is left alone by the length rule below.
 */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i;

/** Literal values shorter than this are flags and names (`true`, `none`), not credentials. */
export const MIN_LITERAL_SECRET_CHARS = 8;

/** FS032 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkShellEnv(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  const issues: Issue[] = [];
  for (const scope of scopes) {
    for (const [id, step] of scope.steps) {
      const shell = step['shell'];
      if (!isObject(shell) || !isObject(shell['env'])) continue;
      for (const [name, value] of Object.entries(shell['env'])) {
        if (!SECRET_NAME.test(name) || typeof value !== 'string' || value.length < MIN_LITERAL_SECRET_CHARS) continue;
        if (findTemplates(value).length > 0) continue; // read at run time, e.g. {{ $env.NAME }}
        const path = [...scope.path, id, 'shell', 'env', name];
        issues.push({
          code: Code.secretInEnv,
          severity: 'warning',
          message: `${dottedPath(path)}: ${name} is set to literal text, which stores a secret in the flow file; pass it in the engine's environment and write {{ $env.${name} }}`,
          path,
        });
      }
    }
  }
  return issues;
}
