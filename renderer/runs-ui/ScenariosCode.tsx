/**
 * The Scenarios editor's Monaco editor (lazy: this module pulls in Monaco). YAML with the scenario
 * file JSON Schema through monaco-yaml (SCENARIOS_MODEL_URI; completion, hover, schema errors) and
 * the engine's findings (HostApi checkScenarios) as markers, once they are for the text shown.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { editor as MonacoEditorNs } from 'monaco-editor/esm/vs/editor/editor.api';
import type { Finding } from '../../engine/model/finding';
import { YAML_EDITING_OPTIONS } from '../code/editor-options';
import { findingMarkers } from '../code/markers';
import { monaco, SCENARIOS_MODEL_URI } from '../code/monaco-setup';
import { useTranslation } from '../i18n';

/** Props: the text (controlled), its findings and the text they were computed for, a line to reveal. */
export interface ScenariosCodeProps {
  text: string;
  onChange(text: string): void;
  onSave(): void;
  findings: readonly Finding[];
  findingsText: string | null;
  /** Put the cursor on this 1-based line (and column); `seq` makes the same line count again. */
  reveal: { line: number; col: number; seq: number } | null;
  isDark: boolean;
  readOnly: boolean;
}

/** Default export for React.lazy. */
export default function ScenariosCode(p: ScenariosCodeProps) {
  const { t } = useTranslation();
  const editorRef = useRef<MonacoEditorNs.IStandaloneCodeEditor | null>(null);
  const save = useRef(p.onSave);
  save.current = p.onSave;

  const setMarkers = () => {
    const model = editorRef.current?.getModel();
    if (!model || p.findingsText !== model.getValue()) return; // findings of an older text: keep the shown ones
    monaco.editor.setModelMarkers(model, 'flowsmith-scenarios', findingMarkers(p.findings, model));
  };
  useEffect(setMarkers);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !p.reveal) return;
    editor.setPosition({ lineNumber: p.reveal.line, column: p.reveal.col });
    editor.revealLineInCenter(p.reveal.line);
    editor.focus();
  }, [p.reveal]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => save.current());
    setMarkers();
    if (p.reveal) {
      editor.setPosition({ lineNumber: p.reveal.line, column: p.reveal.col });
      editor.revealLineInCenter(p.reveal.line);
    }
    editor.focus();
  };

  return (
    <Editor
      path={SCENARIOS_MODEL_URI}
      defaultLanguage="yaml"
      value={p.text}
      onChange={(value) => p.onChange(value ?? '')}
      theme={p.isDark ? 'vs-dark' : 'vs'}
      height="100%"
      onMount={onMount}
      options={{
        ...YAML_EDITING_OPTIONS,
        readOnly: p.readOnly,
        // Monaco's own name ("Editor content") is English only.
        ariaLabel: t('runs.scenarios.editor.code'),
      } satisfies MonacoEditorNs.IStandaloneEditorConstructionOptions}
    />
  );
}
