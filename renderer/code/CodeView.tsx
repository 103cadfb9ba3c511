/**
 * The YAML code view (issue #8 point 2): Monaco with monaco-yaml over the document text, two-way
 * with the store at typing speed. Typed edits go to `applyText` (one undo history for every view);
 * text changes from the canvas, inspector or undo arrive as minimal edits applied to the model,
 * so the cursor and scroll stay put. The engine's findings are markers beside monaco-yaml's schema
 * markers. Moving the cursor into a step selects its node; selecting a node reveals its YAML.
 * Lazy: this module pulls in Monaco.
 */
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import type { editor as MonacoEditorNs } from 'monaco-editor/esm/vs/editor/editor.api';
import { useActions, useAppStoreApi } from '../app-context';
import { useTranslation } from '../i18n';
import { diffText } from '../doc/text-patch';
import { FLOW_MODEL_URI, monaco } from './monaco-setup';
import { findingMarkers } from './markers';
import { YAML_EDITING_OPTIONS } from './editor-options';
import { stepAtOffset, stepRanges, stepRangesOfText, type StepRange } from './step-ranges';

/** Typing pause after which the next typed character starts a new undo step. */
const GESTURE_IDLE_MS = 800;

/** Default export for React.lazy. */
export default function CodeView({ isDark }: { isDark: boolean }) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const actions = useActions();
  const cleanup = useRef<(() => void) | null>(null);
  useEffect(() => () => cleanup.current?.(), []);

  const onMount: OnMount = (editor) => {
    const model = editor.getModel();
    if (!model) return;
    let applying = false;
    let idle: ReturnType<typeof setTimeout> | undefined;
    let ranges: { version: number; ranges: StepRange[] } | null = null;

    const rangesNow = (): StepRange[] => {
      const s = store.getState();
      if (ranges?.version !== s.textVersion) {
        // After a canvas edit the Document's source ranges describe the old text: parse again.
        const fresh = s.doc && s.textSource !== 'canvas' && !s.parseError ? stepRanges(s.doc) : stepRangesOfText(s.text);
        ranges = { version: s.textVersion, ranges: fresh };
      }
      return ranges.ranges;
    };

    const syncFromStore = (text: string) => {
      const patch = diffText(model.getValue(), text);
      if (!patch) return;
      const from = model.getPositionAt(patch.at);
      const to = model.getPositionAt(patch.at + patch.removed.length);
      applying = true;
      try {
        model.applyEdits([{ range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column), text: patch.inserted }]);
      } finally {
        applying = false;
      }
    };

    const setMarkers = () => {
      const s = store.getState();
      if (s.findingsText !== model.getValue()) return; // findings of an older text: keep the tracked ones
      monaco.editor.setModelMarkers(model, 'flowsmith', findingMarkers(s.findings, model));
    };

    const reveal = (id: string | null) => {
      if (!id) return;
      const r = rangesNow().find((x) => x.id === id);
      if (!r) return;
      const start = model.getPositionAt(r.keyStart);
      const end = model.getPositionAt(r.keyEnd);
      editor.setSelection(new monaco.Selection(start.lineNumber, start.column, end.lineNumber, end.column));
      editor.revealLineInCenterIfOutsideViewport(start.lineNumber);
    };

    syncFromStore(store.getState().text);
    setMarkers();
    reveal(store.getState().selectedStep);

    const unsubscribe = store.subscribe((s, prev) => {
      if (s.textVersion !== prev.textVersion && s.textSource !== 'code') syncFromStore(s.text);
      if (s.findings !== prev.findings || s.findingsText !== prev.findingsText) setMarkers();
      if (s.selectedStep !== prev.selectedStep && s.selectionSource !== 'code') reveal(s.selectedStep);
    });

    const typed = editor.onDidChangeModelContent((e) => {
      if (applying) return;
      const s = store.getState();
      s.applyText(model.getValue(), 'code');
      // A new line ends an undo step, as a pause in typing does.
      if (e.changes.some((c) => c.text.includes('\n'))) s.markGesture();
      clearTimeout(idle);
      idle = setTimeout(() => store.getState().markGesture(), GESTURE_IDLE_MS);
    });

    const moved = editor.onDidChangeCursorPosition((e) => {
      if (applying) return;
      const s = store.getState();
      if (e.reason === monaco.editor.CursorChangeReason.Explicit) s.markGesture();
      const id = stepAtOffset(rangesNow(), model.getOffsetAt(e.position));
      if (id && id !== s.selectedStep && (s.flow?.steps[id] || isNested(s.flow, id))) s.selectStep(id, 'code');
    });

    const blurred = editor.onDidBlurEditorText(() => store.getState().markGesture());

    // One history for every view (STYLE.md §4): Monaco's own undo stack is never used.
    const { KeyMod, KeyCode } = monaco;
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyZ, () => actions.undo());
    editor.addCommand(KeyMod.CtrlCmd | KeyMod.Shift | KeyCode.KeyZ, () => actions.redo());
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyY, () => actions.redo());
    editor.addCommand(KeyMod.CtrlCmd | KeyCode.KeyS, () => void actions.save());

    cleanup.current = () => {
      clearTimeout(idle);
      unsubscribe();
      typed.dispose();
      moved.dispose();
      blurred.dispose();
    };
  };

  return (
    <Editor
      path={FLOW_MODEL_URI}
      defaultLanguage="yaml"
      defaultValue={store.getState().text}
      theme={isDark ? 'vs-dark' : 'vs'}
      height="100%"
      onMount={onMount}
      options={{
        ...YAML_EDITING_OPTIONS,
        wordWrap: 'off',
        ariaLabel: t('code.editor'),
      } satisfies MonacoEditorNs.IStandaloneEditorConstructionOptions}
    />
  );
}

/** Whether `id` names a step nested in a map body (the canvas draws those inside the map's group). */
function isNested(flow: { steps: Record<string, unknown> } | null, id: string): boolean {
  if (!flow) return false;
  const search = (steps: Record<string, unknown>): boolean =>
    Object.values(steps).some((s) => {
      const inner = (s as { steps?: Record<string, unknown> } | null)?.steps;
      return !!inner && typeof inner === 'object' && (Object.hasOwn(inner, id) || search(inner));
    });
  return search(flow.steps);
}
