/**
 * `import FILE [--from asl|argo|serverless-workflow] [-o OUT]` (DESIGN.md "Interfaces", "Export and
 * import"; issue #4): a production engine's document as a native flow (YAML, laid out by elkjs),
 * with findings for what could not be carried over. The flow records its `origin`, so it runs only
 * in simulation until a person trusts it (`flowsmith run OUT --trust`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EngineFormat } from '../interop/types.js';

const FORMATS = Object.values(EngineFormat);
import { formatFinding } from '../model/finding.js';
import { writeFileAtomic } from '../yaml/files.js';
import { ExitCode, UsageError } from './errors.js';

/** Registers `import` on `program`. */
export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('import an Argo Workflows, AWS Step Functions (ASL) or Serverless Workflow document as a native flow')
    .option('--from <format>', `source format: ${FORMATS.join(', ')} (default: detected from the content)`)
    .option('-o, --out <file>', 'write the native YAML to this file (default: stdout)')
    .action(async (file: string, o: { from?: string; out?: string }) => {
      // Loaded on use (see export-command.ts): the importers are heavy to load.
      const { detectFormat, importFlow, isImportFormat } = await import('../import/index.js');
      if (o.from !== undefined && !isImportFormat(o.from)) {
        throw new UsageError(`--from ${o.from} is not a format; use one of: ${FORMATS.join(', ')}`);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const from = o.from ?? detectFormat(text);
      if (from === undefined || !isImportFormat(from)) {
        throw new UsageError(
          `cannot tell which format ${file} is (not ASL with StartAt and States, an argoproj.io document, or Serverless Workflow with document.dsl); pass --from ${FORMATS.join('|')}`,
        );
      }
      const result = await importFlow(text, file, from);
      if (o.out) await writeFileAtomic(resolve(o.out), result.text);
      else process.stdout.write(result.text);
      // Findings say what could not be carried over: warnings unless the source could not be read.
      for (const f of result.findings) process.stderr.write(`${formatFinding(f)}\n`);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const steps = Object.keys(result.flow.steps).length;
      const where = o.out ? `wrote ${o.out}` : `imported ${file}`;
      process.stderr.write(
        `${where} (${from}, ${steps} step(s)): ${errors} error(s), ${result.findings.length - errors} other finding(s); ` +
          `it runs only in simulation until you trust it: flowsmith run ${o.out ?? 'FILE'} --trust\n`,
      );
      process.exitCode = errors > 0 ? ExitCode.failed : ExitCode.ok;
    });
}
