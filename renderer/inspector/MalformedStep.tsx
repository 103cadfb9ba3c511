/**
 * What the inspector shows for a step whose YAML does not match the flow format (the code view
 * allows any text that parses, issue #8): the schema findings for it and a pointer to the code
 * view, instead of forms that assume the format. `isMalformed` decides it.
 */
import type { Step } from '../../engine/model/flow';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

const STEP_TYPES = new Set(['task', 'approval', 'branch', 'parallel', 'join', 'map', 'wait', 'succeed', 'fail']);

/** The JS shape the forms assume for each field a step may carry (flow.schema.json). */
const FIELD_SHAPES: Record<string, 'array' | 'object' | 'string' | 'number' | 'boolean' | 'string|object' | 'string|array'> = {
  title: 'string', description: 'string', next: 'string', timeout: 'string', continueOnError: 'boolean',
  retry: 'object', catch: 'array', compensate: 'object', set: 'object', mock: 'object',
  shell: 'string|object', http: 'object', script: 'string|object', notify: 'object', call: 'string|object',
  approvers: 'array', quorum: 'number', message: 'string', onReject: 'string', onTimeout: 'string',
  cases: 'array', default: 'string', branches: 'array', join: 'string', mode: 'string|object',
  items: 'string|array', as: 'string', concurrency: 'number', start: 'string', steps: 'object',
  duration: 'string', until: 'string', error: 'string',
};

function hasShape(value: unknown, shape: string): boolean {
  return shape.split('|').some((kind) =>
    kind === 'array' ? Array.isArray(value) : kind === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value) : typeof value === kind,
  );
}

/**
 * True when the forms cannot show `step`: not a mapping, an unknown type, or a field whose JS
 * shape is not the one the forms assume (a list where a text goes…). Other schema errors (a
 * parallel with no branch yet, a missing field) are what the forms are there to fix, so they do
 * not count; the Findings list them either way. `schemaErrors` only adds detail to the message.
 */
export function isMalformed(step: unknown, _schemaErrors: string): boolean {
  if (typeof step !== 'object' || step === null || Array.isArray(step)) return true;
  if (!STEP_TYPES.has(String((step as { type?: unknown }).type))) return true;
  return Object.entries(step).some(([key, value]) => {
    const shape = FIELD_SHAPES[key];
    return shape !== undefined && value !== null && value !== undefined && !hasShape(value, shape);
  });
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
