/**
 * Monaco without a CDN (research/stack.md "Config snippets"): the editor core, its contributions,
 * YAML highlighting and the JSON language (ASL exports, issue #4) from the installed
 * monaco-editor 0.52.2, workers bundled by vite.
 * Imported only by the lazily loaded Export view, so the ~3 MB editor stays out of the first load.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/language/json/monaco.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';

// The JSON language service runs in its own worker; everything else uses the editor worker.
self.MonacoEnvironment = { getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()) };
loader.config({ monaco });

export { monaco };
