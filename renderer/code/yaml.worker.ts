/** monaco-yaml's language service worker (completion, hover, schema diagnostics), bundled by vite. */
import 'monaco-yaml/yaml.worker.js';
