/**
 * What the inspector shows for a step whose YAML does not match the flow format (the code view
 * allows any text that parses, issue #8): the schema findings for it and a pointer to the code
 * view, instead of forms that assume the format. `isMalformed` decides it.
 */
import type { Step } from '../../engine/model/flow';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

const STEP_TYPES = new Set(['task', 'approval', 'branch', 'parallel', 'join', 'map', 'wait', 'succeed', 'fail']);

/**
 * True when the forms cannot show `step`: not a mapping, an unknown type, or a schema error
 * (FS010) among `schemaErrors` (the step's findings for the current text).
 */
export function isMalformed(step: unknown, schemaErrors: string): boolean {
  if (typeof step !== 'object' || step === null || Array.isArray(step)) return true;
  if (!STEP_TYPES.has(String((step as { type?: unknown }).type))) return true;
  return schemaErrors !== '';
}

/** The step's schema errors for the current text, one per line ('' when none); a string, so selectors stay stable. */
export function useSchemaErrors(id: string): string {
  return useAppStore((s) =>
    s.findingsText === s.text
      ? s.findings
          .filter((f) => f.step === id && f.severity === 'error' && f.code === 'FS010')
          .map((f) => `${f.line ?? '?'}:${f.col ?? '?'} ${f.message}`)
          .join('\n')
      : '',
  );
}

/** The read-only view of a malformed step. */
export function MalformedStep({ id, step, errors }: { id: string; step: Step | unknown; errors: string }) {
  const { t } = useTranslation();
  const setShowCode = useAppStore((s) => s.setShowCode);
  return (
    <div className="malformed-step" data-malformed-step={id}>
      <div className="inspector-title">{id}</div>
      <p>{t('inspector.malformed', { id })}</p>
      {errors && <pre className="mono">{errors}</pre>}
      {!errors && <pre className="mono">{JSON.stringify(step, null, 2) ?? String(step)}</pre>}
      <button type="button" className="btn" onClick={() => setShowCode(true)}>
        {t('inspector.openCode')}
      </button>
    </div>
  );
}
