/** Inspector fields of a task: shell (command, working folder) or HTTP (method, URL, expected status, body). */
import type { HttpSpec, ShellSpec, TaskStep } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { DraftField, invalid, ListField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

function shellSpec(step: TaskStep): ShellSpec {
  const sh = step.shell ?? '';
  return typeof sh === 'string' ? { command: sh } : sh;
}

/** Keeps the short form `shell: "cmd"` while only the command is set (what people write by hand). */
function compactShell(spec: ShellSpec): string | ShellSpec {
  const extra = Object.keys(spec).filter((k) => k !== 'command');
  return extra.length === 0 ? spec.command : spec;
}

/** Fields for a task step, by executor. */
export function TaskFields({ id, step }: { id: string; step: TaskStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (step.shell !== undefined) {
    const spec = shellSpec(step);
    const setShell = (field: string, next: ShellSpec) =>
      patch(field, (s) => ({ ...(s as TaskStep), shell: compactShell(next) }));
    return (
      <Section title={t('inspector.sections.shell')}>
        <TextField label={t('inspector.shellCommand')} mono multiline value={spec.command}
          onCommit={(v) => setShell('command', { ...spec, command: v ?? '' })} />
        <TextField label={t('inspector.workingFolder')} value={spec.cwd} placeholder={t('inspector.runFolder')}
          onCommit={(v) => setShell('cwd', setKey(spec, 'cwd', v))} />
      </Section>
    );
  }
  if (step.http) {
    const http = step.http;
    const setHttp = (field: string, next: HttpSpec) => patch(field, (s) => ({ ...(s as TaskStep), http: next }));
    return (
      <Section title={t('inspector.sections.http')}>
        <SelectField label={t('inspector.httpMethod')} value={http.method ?? 'GET'} options={methods}
          onChange={(v) => setHttp('method', setKey(http, 'method', v))} />
        <TextField label={t('inspector.url')} mono value={http.url} onCommit={(v) => setHttp('url', { ...http, url: v ?? '' })} />
        <ListField label={t('inspector.expectedStatus')} value={(http.expectStatus ?? []).map(String)} placeholder="200, 201"
          onCommit={(v) => {
            const codes = v.map(Number).filter((n) => Number.isInteger(n));
            setHttp('expectStatus', setKey(http, 'expectStatus', codes.length ? codes : undefined));
          }} />
        <DraftField
          label={t('inspector.requestBody')}
          mono
          multiline
          value={http.body}
          format={(b) => (b === undefined ? '' : JSON.stringify(b, null, 2))}
          parse={(t) => {
            if (t.trim() === '') return undefined;
            try {
              return JSON.parse(t) as HttpSpec['body'];
            } catch {
              return invalid;
            }
          }}
          onCommit={(v) => setHttp('body', setKey(http, 'body', v))}
        />
      </Section>
    );
  }
  return (
    <Section title={t('inspector.sections.executor')}>
      <p className="muted">
        {t('inspector.executorNote', { executor: t(`inspector.executors.${step.script ? 'script' : step.call ? 'call' : 'notify'}`) })}
      </p>
    </Section>
  );
}
