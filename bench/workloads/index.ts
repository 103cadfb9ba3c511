/** Every case of every workload, in the order the table prints them. */
import type { CaseSpec } from '../harness/types.js';
import { w0Cases } from './w0-floor.js';
import { w1Cases } from './w1-chain.js';
import { w2Cases } from './w2-parallel.js';
import { w3Cases } from './w3-loop.js';
import { w4Cases } from './w4-approvals.js';
import { w5Cases } from './w5-many-runs.js';
import { w6Cases } from './w6-timeouts.js';
import { w7Cases } from './w7-memory.js';

export function allCases(): CaseSpec[] {
  return [...w0Cases(), ...w1Cases(), ...w2Cases(), ...w3Cases(), ...w4Cases(), ...w5Cases(), ...w6Cases(), ...w7Cases()];
}
