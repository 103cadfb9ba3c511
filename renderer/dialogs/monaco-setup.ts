/**
 * Monaco without a CDN (research/stack.md "Config snippets"): the editor core, its contributions
 * and YAML highlighting from the installed monaco-editor 0.52.2, workers bundled by vite.
 * Imported only by the lazily loaded Export view, so the ~3 MB editor stays out of the first load.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/editor.all.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };
