/**
 * A cap on findings of one kind (issue #11 item 13): 200,000 unknown keys gave 200,000 findings,
 * and 30,001 imported states one note each; nobody reads past the first hundred of one code, and
 * arrays that long overflow the stack when spread into a call. Used by validate and import.
 */
import type { Finding } from '../model/finding.js';
import { MAX_FINDINGS_PER_CODE } from '../model/limits.js';

/**
 * The first MAX_FINDINGS_PER_CODE findings of each code, in order; in place of the next one, one
 * finding (same code, severity and place) saying how many more of that code there are.
 */
export function capPerCode(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  if ([...counts.values()].every((n) => n <= MAX_FINDINGS_PER_CODE)) return findings;
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.code) ?? 0) + 1;
    seen.set(f.code, n);
    if (n <= MAX_FINDINGS_PER_CODE) out.push(f);
    else if (n === MAX_FINDINGS_PER_CODE + 1) {
      const more = (counts.get(f.code) ?? n) - MAX_FINDINGS_PER_CODE;
      out.push({ ...f, message: `${more.toLocaleString('en')} more ${f.code} findings from here on, like: ${f.message}; fix the ones above and validate again` });
    }
  }
  return out;
}

