/**
 * Inspector fields of a map step: items (JSONata giving the array), as, concurrency, the body's
 * start, and its nested steps: each can be opened in the inspector (the canvas draws the body
 * inside the map's group), and "Add body step" adds a shell task to the body.
 */
import type { MapStep } from '../../engine/model/flow';
import { useAppStoreApi } from '../app-context';
import { freshId } from '../doc/new-step';
import { addBodyStep, deleteStepsDeep, updateStepDeep } from '../doc/nested';
import { makeRoomForBody } from '../doc/placement';
import { NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';
import { useTranslation } from '../i18n';

/** Fields for a map step. */
export function MapFields({ id, step }: { id: string; step: MapStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const store = useAppStoreApi();
  const body = Object.keys(step.steps);
  const addToBody = () => {
    const s = store.getState();
    let added: string | null = null;
    s.edit((f) => {
      added = freshId(f, 'item');
      const last = body[body.length - 1];
      // Appends after the body's last step when that one does not go on yet.
      let out = addBodyStep(f, id, added, { type: 'task', shell: 'echo "{{ $item }}"' });
      const lastStep = last ? step.steps[last] : undefined;
      if (last && lastStep && lastStep.next === undefined && lastStep.type !== 'succeed' && lastStep.type !== 'fail' &&
          lastStep.type !== 'branch' && lastStep.type !== 'parallel') {
        out = updateStepDeep(out, last, { ...lastStep, next: added });
      }
      // The frame grows, and so does every map frame around it: the steps below the outermost move down.
      return makeRoomForBody(f, out, id);
    });
    if (added) s.selectStep(added);
  };
  return (
    <Section title={t('inspector.sections.map')} actions={<button type="button" className="btn small" onClick={addToBody}>{t('inspector.addBodyStep')}</button>}>
      <TextField label={t('inspector.items')} mono value={step.items} placeholder="$input.hosts"
        hint={t('inspector.itemsHint')}
        onCommit={(v) => patch('items', (s) => ({ ...(s as MapStep), items: v ?? '' }))} />
      <div className="row">
        <TextField label={t('inspector.as')} mono value={step.as} placeholder="host" onCommit={(v) => patch('as', (s) => setKey(s, 'as', v))} />
        <NumberField label={t('inspector.concurrency')} value={step.concurrency} placeholder={t('inspector.concurrencyAll')} onCommit={(v) => patch('concurrency', (s) => setKey(s, 'concurrency', v))} />
      </div>
      <SelectField label={t('inspector.bodyStart')} value={step.start || undefined} options={body} noneLabel={t('inspector.choose')}
        onChange={(v) => patch('start', (s) => ({ ...(s as MapStep), start: v ?? '' }))} />
      <ul className="plain map-body" aria-label={t('inspector.bodySteps')}>
        {body.map((b) => (
          <li key={b} className="row">
            <button type="button" className="btn small" aria-label={t('inspector.editBodyStep', { step: b })} onClick={() => store.getState().selectStep(b)}>
              {step.steps[b]?.title ?? b} <span className="muted">({step.steps[b]?.type})</span>
            </button>
            <button type="button" className="btn small danger" aria-label={t('inspector.removeBodyStep', { step: b })} disabled={body.length === 1}
              onClick={() => store.getState().edit((f) => deleteStepsDeep(f, [b]))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
