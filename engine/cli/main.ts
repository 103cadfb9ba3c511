#!/usr/bin/env node
/**
 * The `flowsmith` command (DESIGN.md "Interfaces"). Exit codes: 0 success, 1 failed/cancelled run
 * or invalid flow, 2 bad usage or unreadable input, 3 the run waits for a person.
 */
import { Command } from 'commander';
import { reportError } from './errors.js';
import { registerDebugCommands } from './debug-commands.js';
import { registerExport } from './export-command.js';
import { registerImport } from './import-command.js';
import { registerLogs } from './logs-command.js';
import { registerRunCommands } from './run-commands.js';
import { registerTest } from './test-command.js';
import { registerValidate } from './validate-command.js';
import { registerVersionCommands } from './versions-commands.js';
import { registerWeb } from './web-command.js';

const program = new Command('flowsmith')
  .description('Design, run, debug and export operational workflows')
  .option('--db <path>', 'store file (default: $FLOWSMITH_DB or ~/.flowsmith/flowsmith.db)')
  .exitOverride()
  .showHelpAfterError('(run flowsmith --help for usage)');

const global = () => program.opts<{ db?: string }>();
registerValidate(program);
registerRunCommands(program, global);
registerDebugCommands(program, global);
registerTest(program);
registerWeb(program, global);
registerExport(program, global);
registerImport(program);
registerLogs(program, global);
registerVersionCommands(program, global);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
