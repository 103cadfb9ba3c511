import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../../model/flow.js';
import { successors } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { loadFlowText } from '../../yaml/load.js';
import { exportAsl } from '../../export/asl/index.js';
import { aslValidationErrors } from '../../export/asl/validate.js';
import { importAsl } from './index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/asl');
const templates = path.join(repoRoot, 'resources/templates');
const templateFiles = readdirSync(templates).filter((f) => f.endsWith('.yaml') && !f.includes('.scenarios.'));

/** Every state name of an ASL definition, nested machines included. */
function stateNames(machine: unknown): string[] {
  const states = (machine as { States?: Record<string, Record<string, unknown>> }).States ?? {};
  return Object.entries(states).flatMap(([name, state]) => {
    if (typeof state !== 'object' || state === null || typeof state['Type'] !== 'string') return [];
    const nested = [...((state['Branches'] as unknown[] | undefined) ?? []), state['ItemProcessor'] ?? state['Iterator']].filter(Boolean);
    return [name, ...nested.flatMap(stateNames)];
  });
}

/** Every step of a flow, map bodies included. */
function allSteps(steps: Record<string, Step>): [string, Step][] {
  return Object.entries(steps).flatMap(([id, step]) => [[id, step] as [string, Step], ...(step.type === 'map' ? allSteps(step.steps) : [])]);
}

const corpusFiles = existsSync(corpus) ? readdirSync(corpus).sort() : [];

if (corpusFiles.length === 0) {
  describe.skip(`ASL corpus (missing: ${corpus} not found, so the corpus import tests are skipped)`, () => {
    it('imports every corpus file', () => {});
  });
} else {
  describe('importAsl on the shared ASL corpus', () => {
    it.each(corpusFiles)('imports %s into a valid flow that keeps every state', (file) => {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const result = importAsl(text, file);
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(validateFlow(result.flow).filter((f) => f.severity === 'error')).toEqual([]);
      const steps = allSteps(result.flow.steps);
      const ids = new Set(steps.map(([id]) => id));
      const titles = new Set(steps.map(([, s]) => s.title));
      const messages = result.findings.map((f) => f.message).join('\n');
      for (const name of stateNames(parse(text))) {
        const kept = ids.has(name) || titles.has(name) || messages.includes(`"${name}"`);
        expect(kept, `state "${name}" is neither a step nor in a finding`).toBe(true);
      }
      for (const [id] of steps) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    });

    it.each(corpusFiles)('exports the import of %s as ASL that asl-validator accepts', (file) => {
      const imported = importAsl(readFileSync(path.join(corpus, file), 'utf8'), file);
      const exported = exportAsl(imported.flow);
      expect(aslValidationErrors(exported.document)).toEqual([]);
      expect(exported.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  });
}

describe('export → import round trip of the templates', () => {
  it.each(templateFiles)('keeps the step graph of %s', (file) => {
    const original = loadFlowText(readFileSync(path.join(templates, file), 'utf8')).flow as Flow;
    const exported = exportAsl(original);
    const back = importAsl(exported.text, `${original.name}.asl.json`);
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(back.flow.start).toBe(original.start);
    expect(back.flow.vars ?? {}).toEqual(original.vars ?? {});
    // A parallel's join comes back under a generated id: compare through that renaming.
    const joinOf = new Map<string, string>();
    for (const [id, step] of Object.entries(original.steps)) {
      if (step.type === 'parallel') {
        const imported = back.flow.steps[id];
        expect(imported?.type).toBe('parallel');
        if (imported?.type === 'parallel') joinOf.set(step.join, imported.join);
      }
    }
    const rename = (id: string) => joinOf.get(id) ?? id;
    for (const [id, step] of Object.entries(original.steps)) {
      const imported = back.flow.steps[rename(id)];
      expect(imported?.type, `step ${id}`).toBe(step.type);
      expect(successors(imported!).sort(), `successors of ${id}`).toEqual(successors(step).map(rename).sort());
    }
    expect(Object.keys(back.flow.steps).length).toBe(Object.keys(original.steps).length);
  });
});

describe('export → import round trip of bindings', () => {
  it('folds the export\'s init states back into vars, $input and $item', () => {
    const original: Flow = {
      flowsmith: '1.0',
      name: 'hosts',
      vars: { domain: 'example.com' },
      start: 'each',
      steps: {
        each: {
          type: 'map',
          items: '$input.hosts',
          start: 'ping',
          steps: { ping: { type: 'task', http: { url: 'https://{{ $item }}.{{ $vars.domain }}/health' } } },
          next: 'done',
        },
        done: { type: 'succeed' },
      },
    };
    const back = importAsl(exportAsl(original).text, 'hosts.asl.json');
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(back.flow.vars).toEqual({ domain: 'example.com' });
    const each = back.flow.steps['each'];
    expect(each).toMatchObject({ type: 'map', items: '$input.hosts', start: 'ping' });
    expect(each?.type === 'map' && each.steps['ping']).toMatchObject({
      type: 'task',
      http: { url: '{{ ("https://" & ($item) & "." & ($vars.domain) & "/health") }}' },
    });
  });
});

describe('importAsl on bad input', () => {
  it('returns an error finding and a minimal valid flow', () => {
    const result = importAsl('{"not": "asl"}', 'x.asl.json');
    expect(result.findings.map((f) => f.code)).toContain('FS240');
    expect(validateFlow(result.flow).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reads YAML-encoded ASL and names the flow after the file', () => {
    const result = importAsl('StartAt: Hello\nStates:\n  Hello: {Type: Succeed}\n', 'greeting.asl.yaml');
    expect(result.flow).toMatchObject({ name: 'greeting', start: 'hello', steps: { hello: { type: 'succeed', title: 'Hello' } } });
  });
});
