/**
 * Test support for the Argo exporter and importer: where the shared corpus is, and the Argo JSON
 * schema (draft 2020-12, https://raw.githubusercontent.com/argoproj/argo-workflows/HEAD/api/jsonschema/schema.json)
 * compiled with Ajv. The schema is read from /work/shared/corpus and never copied into the repo;
 * `corpusDir` is undefined when the corpus is absent, and the tests that need it are skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The repository root (three levels above this folder). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const corpus = path.resolve(repoRoot, '../shared/corpus');

/** The shared corpus folder, or undefined when it is not there. */
export const corpusDir: string | undefined = existsSync(corpus) ? corpus : undefined;

/** Path of the Argo JSON schema inside the corpus. */
export const argoSchemaPath = path.join(corpus, 'schemas', 'argo-workflows__api__jsonschema__schema.json');

/** Why corpus-based tests are skipped, for the test titles. */
export const corpusSkipReason = `the shared corpus (${corpus}) is absent; its Argo schema and files are not in the repo`;

const ajvs = new Map<boolean, Ajv2020>();

/**
 * A validator for one Argo resource definition, e.g. `io.argoproj.workflow.v1alpha1.WorkflowTemplate`.
 * `closed`: every object definition that lists its properties also rejects unknown ones, which the
 * published schema allows (it is generated from Go types, which Kubernetes decodes leniently);
 * this catches a field written in the wrong place. Throws when the corpus is absent (callers skip
 * first) or the definition does not exist.
 */
export function argoValidator(definition: string, closed = false): ValidateFunction {
  let ajv = ajvs.get(closed);
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    // Kubernetes' int32/int64/byte formats: Ajv knows them only by these names, without checks we need.
    for (const format of ['int32', 'int64', 'byte']) ajv.addFormat(format, true);
    const schema = JSON.parse(readFileSync(argoSchemaPath, 'utf8')) as { definitions: Record<string, Record<string, unknown>> };
    if (closed) {
      for (const def of Object.values(schema.definitions)) {
        if (def['properties'] && def['additionalProperties'] === undefined) def['additionalProperties'] = false;
      }
    }
    ajv.addSchema(schema, 'argo');
    ajvs.set(closed, ajv);
  }
  const validate = ajv.getSchema(`argo#/definitions/${definition}`);
  if (!validate) throw new Error(`the Argo schema has no definition ${definition}`);
  return validate;
}

/** Ajv errors as short lines (`/spec/templates/0/dag: must be object`), for assertion messages. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
