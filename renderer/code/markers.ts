/**
 * The engine's findings as Monaco markers (issue #8: "the engine's own findings as markers"),
 * beside monaco-yaml's schema markers. A marker spans from the finding's line:col to the end of
 * that line's content; findings without a line are shown on line 1.
 */
import type { editor } from 'monaco-editor/esm/vs/editor/editor.api';
import type { Finding } from '../../engine/model/finding';

/** MarkerSeverity values (monaco-editor's enum, written out so this module does not load Monaco). */
const severityOf: Record<Finding['severity'], number> = { error: 8, warning: 4, info: 2 };

/** Markers for `findings` in `model` (whose text the findings were computed for). */
export function findingMarkers(
  findings: readonly Finding[],
  model: Pick<editor.ITextModel, 'getLineCount' | 'getLineMaxColumn'>,
): editor.IMarkerData[] {
  const lines = model.getLineCount();
  return findings.map((f) => {
    const line = Math.min(Math.max(f.line ?? 1, 1), lines);
    const endColumn = model.getLineMaxColumn(line);
    const col = Math.min(Math.max(f.col ?? 1, 1), endColumn);
    return {
      severity: severityOf[f.severity] ?? 2,
      message: f.step ? `${f.step}: ${f.message}` : f.message,
      code: f.code,
      source: 'flowsmith',
      startLineNumber: line,
      startColumn: col,
      endLineNumber: line,
      endColumn: Math.max(endColumn, col + 1),
    };
  });
}
