/**
 * `flowsmith callback TOKEN [--output JSON | --fail ERROR --message TEXT]` (DESIGN.md "Interfaces",
 * "Waiting for an outside system"): answers a waiting callback, then drives the run onward like
 * `approve` (or follows it while another process drives it). TOKEN `-` reads the token from stdin,
 * so it does not show in the process list. An unknown or used token exits 2.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Json } from '../model/flow.js';
import type { CallbackReply, RunService } from '../service/run-service.js';
import { openService } from './context.js';
import { UsageError } from './errors.js';
import { finish } from './finish.js';

type Global = { db?: string };

interface CallbackOptions {
  output?: string;
  fail?: string;
  message?: string;
  json?: boolean;
}

/** Parses `--output`: JSON text, or `@path` to a JSON file. Throws UsageError saying what is wrong. */
export function parseOutput(text: string): Json {
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the output file ${text.slice(1)}: ${(err as NodeJS.ErrnoException).code}`);
    }
  }
  try {
    return JSON.parse(source) as Json;
  } catch (err) {
    throw new UsageError(`--output is not valid JSON (${(err as Error).message}); pass JSON like '{"build":42}' or @file.json`);
  }
}

/** The reply the options describe. Throws UsageError for --output with --fail, or --message without --fail. */
export function replyOf(o: CallbackOptions): CallbackReply {
  if (o.fail !== undefined) {
    if (o.output !== undefined) throw new UsageError('give either --output JSON or --fail ERROR, not both');
    return { error: o.fail, ...(o.message !== undefined ? { message: o.message } : {}) };
  }
  if (o.message !== undefined) throw new UsageError('--message goes with --fail ERROR (the failure message)');
  return { output: o.output === undefined ? null : parseOutput(o.output) };
}

/** The token argument, or the first line of stdin for `-`. Throws UsageError when it is empty. */
function tokenOf(arg: string): string {
  const token = (arg === '-' ? readFileSync(0, 'utf8').split('\n')[0]! : arg).trim();
  if (token === '') throw new UsageError('no token given; pass the token the step sent ($callback.token), or - to read it from stdin');
  return token;
}

/** The top-level run above run `id` (undefined when `id` is undefined). */
function topLevelRun(service: RunService, id: string | undefined): string | undefined {
  let row = id === undefined ? undefined : service.journal.run(id);
  for (let depth = 0; row?.parent && depth < 64; depth++) row = service.journal.run(row.parent.run);
  return row?.id;
}

/** Registers `callback` on `program`; the action sets process.exitCode. */
export function registerCallback(program: Command, global: () => Global): void {
  program
    .command('callback <token>')
    .description('answer a waiting callback ($callback.token; - reads it from stdin), then drive the run onward like approve')
    .option('--output <json>', "the step's output: JSON, or @file.json (default: null)")
    .option('--fail <error>', 'fail the step with this error name instead (retry and catch apply)')
    .option('--message <text>', 'the failure message, with --fail')
    .option('--json', 'print the run record as JSON')
    .action(async (arg: string, o: CallbackOptions) => {
      const reply = replyOf(o);
      const token = tokenOf(arg);
      const service = openService(global().db, !o.json);
      const driver = service.answerCallback(token, reply);
      const state = await service.drive(driver, { stopWhenWaiting: true });
      process.exitCode = finish(state, o.json === true);
      const root = topLevelRun(service, state.parent?.run);
      // A map item or called flow: its parent goes on when the process driving it does (the designer,
      // serve, a blocking run); when none does, it waits for a resume.
      if (root) process.stderr.write(`note: ${state.id} runs inside run ${root}; if no process drives ${root}, go on with: flowsmith resume ${root}\n`);
    });
}
