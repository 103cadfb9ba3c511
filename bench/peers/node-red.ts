/**
 * Node-RED 4 as a peer, embedded: its runtime started in this process with no editor and no HTTP
 * (httpAdminRoot/httpNodeRoot false), a user dir in a temp folder, and the workload's flow written
 * to the flow file before start. A Flowsmith no-op step is a function node (`return msg;`), the
 * node a Node-RED user writes a step's logic in. Messages are injected by calling the first node's
 * `receive`; the last node calls `global.get('bench').done(msg)`, a callback this module puts in
 * functionGlobalContext. Message passing stays Node-RED's default (asynchronous: one setImmediate
 * per hop).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A node of a Node-RED flow file (only the fields the bench sets). */
export type NodeDef = { id: string; type: string; wires?: string[][] } & Record<string, unknown>;

export const TAB = 'bench-tab';

/** A function node running `code` (default: pass the message on) wired to `next`. */
export function fn(id: string, next: string[], code = 'return msg;', outputs = 1): NodeDef {
  return node({ id, type: 'function', name: id, func: code, outputs, noerr: 0, initialize: '', finalize: '', libs: [], wires: [next] });
}

/** A flow node on the bench tab: Node-RED tells flow nodes from config nodes by their x/y. */
export function node(def: NodeDef): NodeDef {
  return { z: TAB, x: 0, y: 0, ...def };
}

/** The terminal node: reports each message it gets to the bench and ends its path. */
export function doneNode(id: string): NodeDef {
  return fn(id, [], "global.get('bench').done(msg); return null;", 0);
}

/** `count` function nodes `${prefix}0…` chained, the last wired to `then`; returns [nodes, first id]. */
export function fnChain(prefix: string, count: number, then: string[]): NodeDef[] {
  const nodes: NodeDef[] = [];
  for (let i = 0; i < count; i++) nodes.push(fn(`${prefix}${i}`, i < count - 1 ? [`${prefix}${i + 1}`] : then));
  return nodes;
}

export interface NodeRed {
  /** Hands `msg` to node `id` as if a wire delivered it. */
  inject(id: string, msg: Record<string, unknown>): void;
  /** Resolves once `count` messages reached a done node; reject on a node error. */
  awaitDone(count: number): Promise<void>;
  stop(): Promise<void>;
}

interface RedModule {
  init(settings: object): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  nodes: { getNode(id: string): { receive(msg: object): void } | null };
  events: { once(name: string, cb: () => void): void };
}

/** Starts Node-RED with `nodes` deployed; resolves when its flows have started. */
export async function startNodeRed(nodes: NodeDef[]): Promise<NodeRed> {
  const require = createRequire(import.meta.url);
  const RED = require('node-red') as RedModule;
  const userDir = mkdtempSync(join(tmpdir(), 'flowsmith-bench-nodered-'));
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify([{ id: TAB, type: 'tab', label: 'bench' }, ...nodes]));
  let waiting = { left: 0, resolve: () => {}, reject: (_e: Error) => {} };
  const bench = {
    done() {
      if (--waiting.left === 0) waiting.resolve();
    },
  };
  RED.init({
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: false,
    httpNodeRoot: false,
    disableEditor: true,
    functionGlobalContext: { bench },
    logging: { console: { level: 'error', metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
    externalModules: { autoInstall: false, palette: { allowInstall: false }, modules: { allowInstall: false } },
    // The Node.js runtime has no build check to skip here, but the embedded start would print it.
    SKIP_BUILD_CHECK: true,
  });
  const started = new Promise<void>((resolve) => RED.events.once('flows:started', resolve));
  await RED.start();
  await started;
  return {
    inject(id, msg) {
      const node = RED.nodes.getNode(id);
      if (!node) throw new Error(`Node-RED has no node ${id}`);
      node.receive(msg);
    },
    awaitDone(count) {
      return new Promise((resolve, reject) => {
        waiting = { left: count, resolve, reject };
      });
    },
    async stop() {
      await RED.stop();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
