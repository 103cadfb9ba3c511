/**
 * `export FILE --to argo|asl|serverless-workflow [-o OUT] [--json]` (DESIGN.md "Interfaces",
 * "Export and import"; issue #4): the target document, and findings for every loss of meaning.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ExportTarget } from '../export/types.js';

const EXPORT_TARGETS = Object.values(ExportTarget);
import type { Finding } from '../model/finding.js';
import { formatFinding } from '../model/finding.js';
import { validateText } from '../validate/index.js';
import { writeFileAtomic } from '../yaml/files.js';
import type { LoadedFlow } from '../yaml/load.js';
import { defaultDbPath } from '../service/paths.js';
import { openJournal } from '../store/journal.js';
import { recordRelease } from '../versions/versions.js';
import { defaultIdentity } from './context.js';
import { ExitCode, UsageError } from './errors.js';

/**
 * Places export findings in the native file: each gets `file`, and one about a step without a
 * position gets the line:col of that step's key (`steps.<id>`), so editors can jump to it.
 */
export function locateExportFindings(findings: Finding[], file: string, locate: LoadedFlow['locate']): Finding[] {
  return findings.map((f) => {
    const at = f.step !== undefined && f.line === undefined ? locate(['steps', f.step]) : undefined;
    return { ...f, file, ...(at ? { line: at.line, col: at.col } : {}) };
  });
}

/**
 * Leaves a release record (issue #12 part 3) when `source` is a published version of its flow, and
 * says so on stderr. Only a store that exists is opened (no versions otherwise); a store that
 * cannot be written is reported in one line and the export stands.
 */
function noteRelease(db: string | undefined, p: { source: string; target: string; output: string | null; findings: Finding[] }): void {
  const file = db ?? defaultDbPath();
  if (file !== ':memory:' && !existsSync(file)) return;
  try {
    const journal = openJournal(file);
    try {
      const release = recordRelease(journal, { text: p.source, target: p.target, output: p.output, findings: p.findings, by: defaultIdentity(), at: Date.now() });
      if (release) process.stderr.write(`recorded release of ${release.flow} version ${release.version} (${release.target}${release.output ? ` → ${release.output}` : ''})\n`);
    } finally {
      journal.close();
    }
  } catch (err) {
    process.stderr.write(`flowsmith: the export was not recorded as a release: ${(err as Error).message}\n`);
  }
}

/** Registers `export` on `program`; `global` gives `--db`, where release records go. */
export function registerExport(program: Command, global: () => { db?: string } = () => ({})): void {
  program
    .command('export <file>')
    .description('export a flow to a production engine (Argo Workflows, AWS Step Functions, Serverless Workflow), reporting every loss of meaning')
    .requiredOption('--to <target>', `target: ${EXPORT_TARGETS.join(', ')}`)
    .option('-o, --out <file>', 'write the document to this file (default: stdout)')
    .option('--json', 'print {target, text, findings} as JSON')
    .action(async (file: string, o: { to: string; out?: string; json?: boolean }) => {
      // Loaded on use: the exporters pull in asl-validator and the Serverless Workflow SDK, which
      // cost most of a second at every CLI start otherwise.
      const { exportFlow, isExportTarget } = await import('../export/index.js');
      const target = o.to;
      if (!isExportTarget(target)) throw new UsageError(`--to ${target} is not a target; use one of: ${EXPORT_TARGETS.join(', ')}`);
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const { loaded, findings: problems } = validateText(source, file);
      if (!loaded.flow || problems.some((f) => f.severity === 'error')) {
        // An invalid flow has no meaning to keep; fix it first (the same findings as `validate`).
        if (o.json) process.stdout.write(`${JSON.stringify({ target, text: null, findings: problems })}\n`);
        for (const f of problems) process.stderr.write(`${formatFinding(f)}\n`);
        process.stderr.write(`flowsmith: ${file} is not a valid flow; fix the errors above, then export again\n`);
        process.exitCode = ExitCode.failed;
        return;
      }
      const result = exportFlow(loaded.flow, target);
      const findings = locateExportFindings(result.findings, file, loaded.locate);
      const text = result.text.endsWith('\n') ? result.text : `${result.text}\n`;
      if (o.out) await writeFileAtomic(resolve(o.out), text);
      if (o.json) process.stdout.write(`${JSON.stringify({ target, text, findings })}\n`);
      else if (!o.out) process.stdout.write(text);
      for (const f of findings) process.stderr.write(`${formatFinding(f)}\n`);
      const errors = findings.filter((f) => f.severity === 'error').length;
      const where = o.out ? `wrote ${o.out}` : `exported ${file}`;
      process.stderr.write(`${where} (${target}): ${errors} error(s), ${findings.length - errors} other finding(s)\n`);
      noteRelease(global().db, { source, target, output: o.out ?? null, findings });
      process.exitCode = errors > 0 ? ExitCode.failed : ExitCode.ok;
    });
}
