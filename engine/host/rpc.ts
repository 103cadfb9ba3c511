/**
 * JSON-RPC-style messages between a HostApi client and the engine (STYLE.md §3): requests carry an
 * id, replies carry the same id with a result or a HostError, events carry none. Only JSON crosses.
 */
import type { HostApi, HostError, HostEvent } from './api.js';
import { hostMethods } from './api.js';

export interface RpcRequest {
  id: number;
  method: string;
  params: unknown;
}
export type RpcReply = { id: number; result: unknown } | { id: number; error: HostError };
export type RpcEventMessage = { event: HostEvent };
export type RpcMessage = RpcRequest | RpcReply | RpcEventMessage;

/**
 * Converts a thrown value to a HostError: name and message, `code` when the error has a string one
 * (FileAccessError: OUTSIDE_WORKSPACE, TEMPLATE_READ_ONLY…), plus `where` from FlowInvalidError findings.
 */
export function toHostError(err: unknown): HostError {
  if (err instanceof Error) {
    const findings = (err as { findings?: { file?: string; line?: number; col?: number }[] }).findings;
    const first = findings?.[0];
    const code = (err as { code?: unknown }).code;
    return {
      name: err.name,
      message: err.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(first?.file ? { where: `${first.file}:${first.line ?? 0}:${first.col ?? 0}` } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

/**
 * Answers one request with `api`. Unknown methods get a HostError (code UNKNOWN_METHOD), so a
 * transport never calls anything outside `hostMethods`.
 */
export async function handleRequest(api: HostApi, req: RpcRequest): Promise<RpcReply> {
  if (!(hostMethods as readonly string[]).includes(req.method)) {
    return { id: req.id, error: { name: 'UsageError', message: `unknown method ${req.method}`, code: 'UNKNOWN_METHOD' } };
  }
  try {
    const method = api[req.method as keyof HostApi] as (p: unknown) => Promise<unknown>;
    const result = await method(req.params ?? {});
    return { id: req.id, result: result ?? null };
  } catch (err) {
    return { id: req.id, error: toHostError(err) };
  }
}

/**
 * A message only the engine process's parent sends (Electron's main process after a native file
 * dialog): it allows HostApi to read and write `path`. It is not a HostApi method, so neither
 * transport can forward it from a renderer (both pass only `hostMethods` as `{ id, method, params }`).
 */
export interface RpcGrant {
  id: number;
  grant: { path: string };
}

/** True for a grant message (has id and grant, no method). */
export function isGrant(m: unknown): m is RpcGrant {
  if (typeof m !== 'object' || m === null || 'method' in m || !('id' in m) || !('grant' in m)) return false;
  const g = (m as { grant: unknown }).grant;
  return typeof g === 'object' && g !== null && typeof (g as { path?: unknown }).path === 'string';
}

/** True for a message that is a request (has id and method). */
export function isRequest(m: unknown): m is RpcRequest {
  return typeof m === 'object' && m !== null && 'id' in m && 'method' in m;
}
