/**
 * Monaco without a CDN (research/stack.md "Config snippets"): the editor core, its contributions,
 * YAML highlighting, monaco-yaml driven by the flow JSON Schema (completion, hover docs, schema
 * errors; issue #8 "Code view") and the JSON language (ASL exports, issue #4), all from the
 * installed monaco-editor 0.52.2 (monaco-yaml 5.5 needs no adapter with it), workers bundled by vite.
 * Imported only by the lazily loaded code and export views, so the ~3 MB editor stays out of the
 * first load.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/language/json/monaco.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import flowSchema from '../../resources/schema/flow.schema.json';
import scenarioSchema from '../../resources/schema/scenario.schema.json';
import YamlWorker from './yaml.worker?worker';

/** URI of the code view's model: monaco-yaml applies the flow schema to it by this name. */
export const FLOW_MODEL_URI = 'inmemory://flowsmith/flow.yaml';
/** URI of the Scenarios editor's model: monaco-yaml applies the scenario file schema to it. */
export const SCENARIOS_MODEL_URI = 'inmemory://flowsmith/flow.scenarios.yaml';

// JSON and YAML language services run in their own workers; everything else in the editor worker.
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'json' ? new JsonWorker() : label === 'yaml' ? new YamlWorker() : new EditorWorker(),
};

configureMonacoYaml(monaco as unknown as Parameters<typeof configureMonacoYaml>[0], {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [
    { uri: 'inmemory://flowsmith/flow.schema.json', fileMatch: [FLOW_MODEL_URI], schema: flowSchema as never },
    { uri: 'inmemory://flowsmith/scenario.schema.json', fileMatch: [SCENARIOS_MODEL_URI], schema: scenarioSchema as never },
  ],
});

loader.config({ monaco });
// As Monaco's own AMD build does: lets e2e tests and devtools read models and markers.
(self as unknown as { monaco?: typeof monaco }).monaco = monaco;

export { monaco };
