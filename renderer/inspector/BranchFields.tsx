/** Inspector fields of a branch: cases (condition + next, first true wins) and the default. */
import type { BranchCase, BranchStep } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Fields for a branch step. */
export function BranchFields({ id, step, others }: { id: string; step: BranchStep; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const setCases = (field: string, cases: BranchCase[]) => patch(field, (s) => ({ ...(s as BranchStep), cases }));
  const setCase = (i: number, field: keyof BranchCase, value: string) =>
    setCases(`case${i}.${field}`, step.cases.map((c, j) => (j === i ? { ...c, [field]: value } : c)));
  const firstOther = others[0];
  return (
    <Section
      title={t('inspector.sections.branch')}
      actions={
        <button type="button" className="btn small" disabled={!firstOther}
          onClick={() => firstOther && setCases('cases', [...step.cases, { when: 'true', next: firstOther }])}>
          {t('inspector.addCase')}
        </button>
      }
    >
      {step.cases.length === 0 && <p className="muted">{t('inspector.noCases')}</p>}
      {step.cases.map((c, i) => (
        <div className="case-row" key={i}>
          <TextField label={t('inspector.caseCondition', { n: i + 1 })} mono value={c.when} placeholder='$input.environment = "production"'
            onCommit={(v) => setCase(i, 'when', v ?? '')} />
          <div className="row">
            <SelectField label={t('inspector.caseNext', { n: i + 1 })} value={c.next} options={others} onChange={(v) => v && setCase(i, 'next', v)} />
            <button type="button" className="btn small danger" aria-label={t('inspector.removeCase', { n: i + 1 })}
              onClick={() => setCases('cases', step.cases.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        </div>
      ))}
      <SelectField label={t('inspector.default')} value={step.default} options={others} noneLabel={t('inspector.endThePath')}
        onChange={(v) => patch('default', (s) => setKey(s, 'default', v))} />
    </Section>
  );
}
