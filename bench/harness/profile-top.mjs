// Summarises a .cpuprofile: self and inclusive share per function, over the samples that are work
// (not module loading, idle or program). Usage: node bench/harness/profile-top.mjs FILE [SELF_ROWS] [INCL_ROWS]
import { readFileSync } from 'node:fs';

const [file, selfRows = '15', inclRows = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/.*\/(engine|node_modules|bench)\//, '$1/')}`;
const timeBySample = new Map();
profile.samples.forEach((s, i) => timeBySample.set(s, (timeBySample.get(s) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const self = new Map();
const inclusive = new Map();
let total = 0;
for (const [id, t] of timeBySample) {
  const stack = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) stack.push(byId.get(cur));
  if (stack.some((n) => /internal\/modules|tsx\/dist|cjs-module-lexer/.test(n.callFrame.url))) continue;
  const leaf = name(stack[0]);
  if (/^\((idle|program)\)/.test(leaf)) continue;
  total += t;
  self.set(leaf, (self.get(leaf) ?? 0) + t);
  for (const k of new Set(stack.map(name))) inclusive.set(k, (inclusive.get(k) ?? 0) + t);
}
const show = (m, rows) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(rows)).map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`work: ${(total / 1000).toFixed(0)} ms\n--- self\n${show(self, selfRows)}\n--- inclusive\n${show(inclusive, inclRows)}`);
