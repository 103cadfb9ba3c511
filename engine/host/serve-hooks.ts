/**
 * Webhook triggers of `flowsmith serve` (issue #12 part 2; DESIGN.md "The flow document":
 * `triggers: [{webhook: {name, secretEnv}}]`). `POST /hooks/<file>/<name>` where `<file>` is the
 * flow's file name in the workspace folder without `.yaml`/`.yml` (`deploy` for `deploy.yaml`;
 * the file, not the flow's `name:`, because a file name is unique in its folder) and `<name>` is
 * the hook's name. Answers, in the order checked:
 *
 * - 404 unknown file or hook (also for a file that does not validate, reported on stderr);
 * - 401 without `Authorization: Bearer <secret>`, with a wrong secret, or while the variable
 *   named by `secretEnv` is unset or empty in serve's environment (refused, never open);
 * - 403 a flow that is not trusted (engine/service/trust.ts);
 * - 415 not JSON, 413 over 1 MiB, 400 not a JSON object, or input errors `{error, problems:
 *   [{path, message}]}` against the flow's `inputs` (service/inputs.ts);
 * - 409 under `concurrency: forbid` while a run of this hook is unfinished (`{error, run}`),
 *   429 when its queue is full;
 * - 202 `{run}` started, or `{run, queued}` (its place in the queue) under `concurrency: queue`.
 *
 * The body is the run input: it is journaled (RunStarted.input) and reaches steps only through
 * `$input`, with the usual interpolation rules (a shell step gets it as environment values).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Flow, JsonObject, WebhookTrigger } from '../model/flow.js';
import { isCronTrigger } from '../model/flow.js';
import { InputError, prepareInput } from '../service/inputs.js';
import { loadValidFlow } from '../service/flow-files.js';
import { newRunId } from '../service/run-service.js';
import type { RunService } from '../service/run-service.js';
import { isInside, UntrustedFlowError } from '../service/trust.js';
import { HttpError } from './serve-http.js';
import type { HttpAnswer, JsonRequest } from './serve-http.js';
import type { TriggerPolicy } from './trigger-policy.js';

export interface WebhookOptions {
  /** The workspace folder: hooks are looked up among its flow files (not in subfolders). */
  root: string;
  service: Pick<RunService, 'startRun' | 'driveInBackground'>;
  policy: TriggerPolicy;
  /** Whether the flow file at `path` may run for real (workspace trust). */
  isTrusted(path: string): boolean;
  /** Where secrets are read (`secretEnv`); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where problems for the operator go (an invalid flow, an unset secret); default stderr. */
  report?: (message: string) => void;
  /** The time recorded as `firedAt`; default the real time. */
  now?: () => Date;
}

/** A file name a hook URL may name: no separators, no leading dot, no `..`. */
const FILE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** The flow file `<root>/<file>.yaml` (or `.yml`) a hook URL names, or undefined. Never leaves `root`. */
export function hookFlowFile(root: string, file: string): string | undefined {
  if (!FILE_SEGMENT.test(file) || file.includes('..') || /\.(ya?ml|scenarios)$/.test(file)) return undefined;
  for (const ext of ['.yaml', '.yml']) {
    const path = join(root, `${file}${ext}`);
    if (!existsSync(path)) continue;
    try {
      // A symlink in the workspace that leads out of it names nothing.
      if (!statSync(path).isFile() || !isInside(realpathSync(path), realpathSync(root))) return undefined;
    } catch {
      return undefined;
    }
    return path;
  }
  return undefined;
}

/** True when `given` equals `secret`, compared in constant time (over SHA-256 digests, so lengths do not leak). */
export function secretMatches(given: string, secret: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(secret).digest();
  return timingSafeEqual(a, b);
}

/** Handles `POST /hooks/<file>/<name>` (see the file comment for the answers). */
export function webhookRoute(options: WebhookOptions): (req: JsonRequest) => Promise<HttpAnswer> {
  const report = options.report ?? ((m: string) => process.stderr.write(`flowsmith: ${m}\n`));
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const reported = new Set<string>();
  const reportOnce = (m: string) => {
    if (!reported.has(m)) report(m);
    reported.add(m);
  };

  return async (req): Promise<HttpAnswer> => {
    const [file, name, ...rest] = req.segments;
    const notFound = new HttpError(404, `no webhook ${req.segments.join('/')}; use POST /hooks/<flow file name without .yaml>/<hook name>`);
    if (file === undefined || name === undefined || rest.length > 0) throw notFound;
    const path = hookFlowFile(options.root, file);
    if (!path) throw notFound;
    let flow: Flow;
    try {
      flow = loadValidFlow(path).flow;
    } catch (err) {
      reportOnce(`webhook ${file}/${name}: ${path} cannot run, so its hooks answer 404:\n${(err as Error).message}`);
      throw notFound;
    }
    const hook = (flow.triggers ?? []).find((t): t is WebhookTrigger => !isCronTrigger(t) && t.webhook.name === name);
    if (!hook) throw notFound;

    const secret = env[hook.webhook.secretEnv];
    if (secret === undefined || secret === '') {
      reportOnce(`webhook ${file}/${name} refuses every call: set ${hook.webhook.secretEnv} in the environment of flowsmith serve`);
      throw new HttpError(401, 'this webhook has no secret set on the server; it refuses every call', { hint: 'set its secretEnv variable where flowsmith serve runs' });
    }
    const match = /^Bearer +(.+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !secretMatches(match[1]!, secret)) throw new HttpError(401, 'send the webhook secret as Authorization: Bearer <secret>');
    if (!options.isTrusted(path)) throw new HttpError(403, `${file} is not trusted on this machine; trust it in the designer or with flowsmith run ${path} --trust`);

    const body = await req.json();
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object: it is the run input');
    const input = body as JsonObject;
    try {
      prepareInput(flow, input); // answers 400 now, also for a firing that is queued
    } catch (err) {
      if (err instanceof InputError) throw new HttpError(400, err.message, { problems: err.problems.map((p) => ({ ...p })) });
      throw err;
    }

    const firedAt = now();
    const trigger: JsonObject = { webhook: name, firedAt: firedAt.toISOString() };
    const start = (id: string) => options.service.driveInBackground(options.service.startRun({ path, mode: 'run', input, trigger, id }));
    let done;
    try {
      done = options.policy.dispatch({ flow: flow.name, key: { webhook: name }, policy: hook.concurrency ?? 'allow', id: newRunId(firedAt.getTime()), start });
    } catch (err) {
      if (err instanceof InputError) throw new HttpError(400, err.message, { problems: err.problems.map((p) => ({ ...p })) });
      if (err instanceof UntrustedFlowError) throw new HttpError(403, err.message);
      throw err;
    }
    switch (done.kind) {
      case 'started':
        return { status: 202, body: { run: done.run } };
      case 'queued':
        return { status: 202, body: { run: done.run, queued: done.position } };
      case 'skipped':
        throw new HttpError(409, `a run of webhook ${file}/${name} is unfinished and its concurrency is forbid; try again when it ends`, { run: done.blockedBy });
      case 'full':
        throw new HttpError(429, `the queue of webhook ${file}/${name} is full while run ${done.blockedBy} is unfinished; try again later`, { run: done.blockedBy });
    }
  };
}
