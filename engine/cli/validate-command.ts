/**
 * `validate FILE… [--json]`: findings as `file:line:col step: message`; exit 1 if any error.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Finding } from '../model/finding.js';
import { formatFinding } from '../model/finding.js';
import { isScenarioPath } from '../simulate/scenario-file.js';
import { prepareScenarioFile } from '../simulate/suite.js';
import { validateText } from '../validate/index.js';
import { ExitCode, UsageError } from './errors.js';

/** Registers `validate` on `program`. */
export function registerValidate(program: Command): void {
  program
    .command('validate <files...>')
    .description('check flow files (schema, graph, expressions) and scenario files')
    .option('--json', 'print findings as JSON')
    .action((files: string[], o: { json?: boolean }) => {
      const all: Finding[] = [];
      for (const file of files) {
        // `X.scenarios.yaml` beside `X.yaml` holds scenarios, not a flow: check it as such.
        if (isScenarioPath(file)) {
          all.push(...prepareScenarioFile(file).file.findings);
          continue;
        }
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (err) {
          throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
        all.push(...validateText(bytes.toString('utf8'), file, bytes).findings); // bytes: FS029 names a non-UTF-8 encoding
      }
      if (o.json) process.stdout.write(`${JSON.stringify(all)}\n`);
      else {
        for (const f of all) process.stdout.write(`${formatFinding(f)}\n`);
        const errors = all.filter((f) => f.severity === 'error').length;
        process.stdout.write(`${files.length} file(s), ${errors} error(s), ${all.length - errors} warning(s)\n`);
      }
      process.exitCode = all.some((f) => f.severity === 'error') ? ExitCode.failed : ExitCode.ok;
    });
}
