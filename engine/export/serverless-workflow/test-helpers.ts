/**
 * Test support for the Serverless Workflow exporter and importer: the shared corpus (outside the
 * repo, in ../shared/corpus; absent on some machines), the official DSL 1.0.3 JSON Schema from it
 * compiled with Ajv (draft 2020-12, as the corpus README does), and the flow templates.
 * Tests only: nothing in the product imports this module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Flow } from '../../model/flow.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (this file sits in engine/export/serverless-workflow/). */
export const repoRoot = path.resolve(here, '../../..');
/** The shared corpus, next to the repository (DESIGN.md: "Real files written by others are in shared/corpus/"). */
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
/** Why corpus tests are skipped, or undefined when the corpus is there. */
export const corpusMissing = existsSync(path.join(corpusDir, 'serverless-workflow'))
  ? undefined
  : `the shared corpus is not at ${corpusDir} (it lives beside the repository on development machines and in CI)`;

/** Every file of the corpus' serverless-workflow folder, as [name, text]. */
export function corpusFiles(): [string, string][] {
  if (corpusMissing !== undefined) return [];
  const dir = path.join(corpusDir, 'serverless-workflow');
  return readdirSync(dir)
    .sort()
    .map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]);
}

/** The flow templates shipped in resources/templates (scenario files excluded), as [name, flow]. */
export function templateFlows(): [string, Flow][] {
  const dir = path.join(repoRoot, 'resources/templates');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, parse(readFileSync(path.join(dir, f), 'utf8')) as unknown])
    .filter((entry): entry is [string, Flow] => typeof (entry[1] as { flowsmith?: unknown })?.flowsmith === 'string');
}

/** A flow from engine/testdata/flows. */
export function testdataFlow(name: string): Flow {
  return parse(readFileSync(path.join(repoRoot, 'engine/testdata/flows', name), 'utf8')) as Flow;
}

type Validate = ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let schemaValidator: Validate | undefined;

/**
 * Validates `doc` against the official schema (corpus schemas/sw-spec__schema__workflow.yaml, DSL
 * 1.0.3). Returns the error lines (empty when valid), or undefined when the corpus is missing.
 */
export function checkWithSpecSchema(doc: unknown): string[] | undefined {
  if (corpusMissing !== undefined) return undefined;
  if (schemaValidator === undefined) {
    const schema = parse(readFileSync(path.join(corpusDir, 'schemas/sw-spec__schema__workflow.yaml'), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: Node's ESM loader gives the function as default or under .default.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
    addFormats(ajv);
    schemaValidator = ajv.compile(schema) as Validate;
  }
  return schemaValidator(doc) ? [] : (schemaValidator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
