/**
 * Monaco options every editor of the designer shares (the code view, the scenarios editor, the
 * export preview), so they look and behave alike. Type-only import: this module pulls in no Monaco.
 */
import type { editor as MonacoEditorNs } from 'monaco-editor/esm/vs/editor/editor.api';

/** Look: no minimap, no scrolling past the end, 13 px text, follows its container's size. */
export const EDITOR_OPTIONS = {
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  automaticLayout: true,
} as const satisfies MonacoEditorNs.IStandaloneEditorConstructionOptions;

/** Editing YAML: two-space indents and completions (from the JSON Schema) outside comments. */
export const YAML_EDITING_OPTIONS = {
  ...EDITOR_OPTIONS,
  tabSize: 2,
  insertSpaces: true,
  quickSuggestions: { other: true, comments: false, strings: true },
} as const satisfies MonacoEditorNs.IStandaloneEditorConstructionOptions;
