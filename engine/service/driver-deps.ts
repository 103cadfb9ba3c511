/**
 * What a RunService gives each RunDriver it builds (runtime/driver.ts DriverDeps): the journal,
 * the clock, the executors for real runs, the secrets to redact, child runs, callback tokens and
 * the service's listeners.
 */
import type { Flow } from '../model/flow.js';
import type { Clock } from '../runtime/clock.js';
import type { DriverDeps } from '../runtime/driver.js';
import type { ChildRuns } from '../runtime/children.js';
import type { RunMode } from '../runtime/events.js';
import { secretNames } from '../runtime/secrets.js';
import { sensitiveEnv } from '../runtime/redact-stream.js';
import { realTasks } from '../executors/task-body.js';
import { storeTokens } from './callback-tokens.js';
import type { RunServiceOptions } from './run-service-options.js';

/** The DriverDeps of one run of `flow` in `mode` on `clock`, with `options`' journal and listeners. */
export function driverDepsOf(
  options: Pick<RunServiceOptions, 'journal' | 'onEvent' | 'onLog' | 'notifyDesktop'>,
  run: { clock: Clock; flow: Flow; mode: RunMode; children: ChildRuns },
): DriverDeps {
  return {
    journal: options.journal,
    // Real runs execute task bodies with the executors; a simulation answers from mocks (the
    // driver's default for simulate mode, runtime/simulated-tasks.ts).
    ...(run.mode === 'run' ? { tasks: realTasks } : {}),
    clock: run.clock,
    secrets: secretsOf(run.flow),
    random: Math.random,
    children: run.children,
    callbacks: storeTokens(options.journal),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
    ...(options.notifyDesktop ? { notifyDesktop: options.notifyDesktop } : {}),
  };
}

/** The values of the environment variables `flow` references as `$env.NAME` (unset ones left out). */
function secretsOf(flow: Flow): Record<string, string> {
  const out: Record<string, string> = sensitiveEnv(process.env); // inherited by steps (#11 item 5)
  for (const name of secretNames(flow)) {
    const value = process.env[name];
    if (value !== undefined) out[name] = value;
  }
  // A webhook's secret is in the engine's environment, which steps inherit: redact it whatever its name (issue #12).
  for (const t of flow.triggers ?? []) {
    const value = 'webhook' in t ? process.env[t.webhook.secretEnv] : undefined;
    if (value !== undefined && 'webhook' in t) out[t.webhook.secretEnv] = value;
  }
  return out;
}
