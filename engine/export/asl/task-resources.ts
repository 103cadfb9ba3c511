/**
 * The work of task and approval steps as ASL Task states (https://states-language.net/spec.html
 * "Task State"; AWS "Integrating services with Step Functions"). Step Functions cannot run a shell
 * command or a script by itself, so those go to placeholder Lambda functions whose contract is in
 * README.md; http becomes an HTTP Task, notify an SNS publish (or an HTTP Task for a webhook), call a
 * nested execution, and an approval a Lambda callback task (`.waitForTaskToken`).
 * Placeholders are written as `${Name}`, the form SAM/CDK `DefinitionSubstitutions` replace at deploy;
 * README.md describes what each must be.
 */
import type { ApprovalStep, Json, NotifySpec, ShellSpec, TaskStep } from '../../model/flow.js';
import { findTemplates } from '../../expr/templates.js';
import { AslExportCode } from './codes.js';
import type { ExportContext } from './context.js';
import type { WorkKind } from './errors.js';
import { braced, payloadToAsl, plainString, templateToAsl, toAslExpression, type ExprSite } from './expressions.js';

/** Resource and Arguments of a Task state, and JSONata for the native step's raw output. */
export interface TaskWork {
  Resource: string;
  Arguments: Record<string, Json>;
  /** JSONata (reading `$states.result`) for what the native executor would output. */
  result: string;
  kind: WorkKind;
}

/** Placeholder names, replaced at deploy time (README.md says what each must be). */
export const Placeholder = {
  shellFunction: '${FlowsmithShellFunction}',
  scriptFunction: '${FlowsmithScriptFunction}',
  approvalFunction: '${FlowsmithApprovalFunction}',
  httpConnection: '${FlowsmithHttpConnectionArn}',
  notifyTopic: '${FlowsmithNotifyTopicArn}',
} as const;

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** The Task state work of a task step; reports one finding per step for every placeholder. */
export function taskWork(step: TaskStep, site: ExprSite, ctx: ExportContext): TaskWork {
  const id = site.step;
  if (step.shell !== undefined) {
    const spec: ShellSpec = typeof step.shell === 'string' ? { command: step.shell } : step.shell;
    const payload: Record<string, Json> = { step: id, ...shellPayload(spec, site, ctx) };
    ctx.report(
      AslExportCode.placeholderRunner,
      id,
      `shell command runs in the placeholder Lambda ${Placeholder.shellFunction} (Step Functions cannot run commands): deploy a function that runs Payload.command with /bin/sh, passing args[n] as FLOWSMITH_ARG_n, returns the JSON it prints (else {exitCode, stdout, stderr}) and fails with error ShellExit on a non-zero exit; or replace this state`,
    );
    return lambda(Placeholder.shellFunction, payload, 'lambda');
  }
  if (step.script !== undefined) {
    const spec = typeof step.script === 'string' ? { code: step.script } : step.script;
    // The script reads $input and $vars (model/flow.ts ScriptSpec); the function gets their values.
    const bindings = { ...site, field: 'script' };
    const payload: Record<string, Json> = {
      step: id,
      code: plainString(spec.code),
      input: braced(toAslExpression('$input', bindings, ctx)),
      vars: braced(toAslExpression('$vars', bindings, ctx)),
    };
    if (spec.memoryMb !== undefined) payload['memoryMb'] = spec.memoryMb;
    ctx.report(
      AslExportCode.placeholderRunner,
      id,
      `script runs in the placeholder Lambda ${Placeholder.scriptFunction}: deploy a function that runs Payload.code with $input and $vars ($steps, $run and $error are not passed), returns its value and fails with error ScriptError; or replace this state`,
    );
    return lambda(Placeholder.scriptFunction, payload, 'lambda');
  }
  if (step.http !== undefined) return httpWork(step.http, site, ctx);
  if (step.notify !== undefined) return notifyWork(step.notify, site, ctx);
  if (step.call !== undefined) {
    const spec = typeof step.call === 'string' ? { flow: step.call } : step.call;
    const arn = `\${FlowsmithFlowArn_${spec.flow.replace(/\.[a-z]+$/i, '').replace(/[^A-Za-z0-9]/g, '_')}}`;
    ctx.report(AslExportCode.placeholderIntegration, id, `call of ${spec.flow} is a nested execution of ${arn}; export that flow too and substitute its state machine ARN`);
    const args: Record<string, Json> = { StateMachineArn: arn };
    if (spec.input !== undefined) args['Input'] = payloadToAsl(spec.input, site, ctx);
    // `.sync:2` waits for the child and returns its output as JSON (AWS "Start a new AWS Step Functions state machine").
    return { Resource: 'arn:aws:states:::states:startExecution.sync:2', Arguments: args, result: '$states.result.Output', kind: 'integration' };
  }
  ctx.report(AslExportCode.approximated, id, 'task has no shell, http, script, notify or call; exported as a Lambda placeholder');
  return lambda(Placeholder.shellFunction, { step: id }, 'lambda');
}

/**
 * An approval as a callback task: Step Functions pauses until something calls SendTaskSuccess or
 * SendTaskFailure with the task token (AWS "Wait for a Callback with Task Token"). The placeholder
 * function receives the token, approvers, quorum and message; a rejection must be SendTaskFailure
 * with error `Rejected`, which the state's Catch routes like onReject.
 */
export function approvalWork(step: ApprovalStep, site: ExprSite, ctx: ExportContext): TaskWork {
  const payload: Record<string, Json> = {
    taskToken: braced('$states.context.Task.Token'),
    execution: braced('$states.context.Execution.Id'),
    step: site.step,
    approvers: step.approvers.map(plainString),
    quorum: step.quorum ?? 1,
  };
  if (step.message !== undefined) payload['message'] = templateToAsl(step.message, { ...site, field: 'message' }, ctx);
  ctx.report(
    AslExportCode.approvalCallback,
    site.step,
    `approval is a callback task on the placeholder Lambda ${Placeholder.approvalFunction}: Step Functions does not check who answers, so the function must enforce approvers [${step.approvers.join(', ')}] and quorum ${step.quorum ?? 1}, and reject with SendTaskFailure error "Rejected"`,
  );
  return { ...lambda(Placeholder.approvalFunction, payload, 'approval'), Resource: `${LAMBDA}.waitForTaskToken`, result: '$states.result' };
}

function lambda(functionName: string, payload: Record<string, Json>, kind: WorkKind): TaskWork {
  // lambda:invoke returns {StatusCode, Payload, …}; the function's own result is Payload.
  return { Resource: LAMBDA, Arguments: { FunctionName: functionName, Payload: payload }, result: '$states.result.Payload', kind };
}

/**
 * The command travels as written; `args[n]` holds the value of its n-th `{{ }}`, which the runner
 * passes the way Flowsmith's shell executor does (engine/expr/shell.ts: FLOWSMITH_ARG_n variables),
 * so values are never parsed as shell code.
 */
function shellPayload(spec: ShellSpec, site: ExprSite, ctx: ExportContext): Record<string, Json> {
  const field = { ...site, field: 'shell' };
  const out: Record<string, Json> = {
    command: plainString(spec.command),
    args: findTemplates(spec.command).map((t) => braced(toAslExpression(t.expr, field, ctx))),
  };
  if (spec.cwd !== undefined) out['cwd'] = templateToAsl(spec.cwd, field, ctx);
  if (spec.env !== undefined) out['env'] = payloadToAsl(spec.env, field, ctx);
  if (spec.shell !== undefined) out['shell'] = plainString(spec.shell);
  return out;
}

function httpWork(http: NonNullable<TaskStep['http']>, site: ExprSite, ctx: ExportContext): TaskWork {
  const field = { ...site, field: 'http' };
  const args: Record<string, Json> = {
    ApiEndpoint: templateToAsl(http.url, field, ctx),
    Method: http.method ?? 'GET',
    Authentication: { ConnectionArn: Placeholder.httpConnection },
  };
  if (http.headers !== undefined) args['Headers'] = payloadToAsl(http.headers, field, ctx);
  if (http.body !== undefined) args['RequestBody'] = payloadToAsl(http.body, field, ctx);
  const notes = [`needs an EventBridge connection in ${Placeholder.httpConnection} and calls the endpoint from AWS, so it must be reachable from there over HTTPS`];
  if (/^http:\/\/|\/\/(127\.|localhost|\[::1\])/i.test(http.url)) notes.push(`${http.url} is a local or plain-HTTP address`);
  if (http.expectStatus !== undefined) {
    notes.push(`expectStatus [${http.expectStatus.join(', ')}] is not checked: the HTTP Task succeeds on any 2xx and fails with States.Http.StatusCode.<code> otherwise`);
  }
  ctx.report(AslExportCode.httpTask, site.step, `http is an HTTP Task (arn:aws:states:::http:invoke): ${notes.join('; ')}`);
  return {
    Resource: 'arn:aws:states:::http:invoke',
    Arguments: args,
    // Native http output is {status, headers, body} (DESIGN.md "Executors").
    result: '{"status": $states.result.StatusCode, "headers": $states.result.Headers, "body": $states.result.ResponseBody}',
    kind: 'http',
  };
}

/**
 * A notification: a webhook becomes an HTTP Task POST of the generic body (DESIGN.md notify;
 * engine/executors/notify.ts), a desktop notification an SNS publish to a topic people subscribe to.
 */
function notifyWork(notify: NotifySpec, site: ExprSite, ctx: ExportContext): TaskWork {
  const field = { ...site, field: 'notify' };
  const message = templateToAsl(notify.message, field, ctx);
  const title = notify.title === undefined ? ctx.flow.name : templateToAsl(notify.title, field, ctx);
  if (notify.webhook !== undefined) {
    const notes = [`the webhook is an HTTP Task POST; it needs an EventBridge connection in ${Placeholder.httpConnection}`];
    if (notify.format !== undefined && notify.format !== 'generic') notes.push(`the ${notify.format} body format is sent as the generic {title, message, flow, step}`);
    if (notify.desktop) notes.push('the desktop notification has no ASL equivalent and is left out');
    ctx.report(AslExportCode.placeholderIntegration, site.step, `notify: ${notes.join('; ')}`);
    const args: Record<string, Json> = {
      ApiEndpoint: templateToAsl(notify.webhook, field, ctx),
      Method: 'POST',
      Authentication: { ConnectionArn: Placeholder.httpConnection },
      RequestBody: { title, message, flow: ctx.flow.name, step: site.step, run: braced('$states.context.Execution.Id') },
    };
    return { Resource: 'arn:aws:states:::http:invoke', Arguments: args, result: '{"delivered": ["webhook"], "status": $states.result.StatusCode}', kind: 'http' };
  }
  ctx.report(AslExportCode.placeholderIntegration, site.step, `the desktop notification is an SNS publish to ${Placeholder.notifyTopic}; subscribe the people who should see it`);
  return {
    Resource: 'arn:aws:states:::sns:publish',
    Arguments: { TopicArn: Placeholder.notifyTopic, Subject: title, Message: message },
    result: '{"delivered": ["sns"], "messageId": $states.result.MessageId}',
    kind: 'integration',
  };
}
