/**
 * Inspector fields of a map step: items (JSONata giving the array), as, concurrency, the body's
 * start, and its nested steps: each can be opened in the inspector (the canvas draws the body
 * inside the map's group), and "Add body step" adds a shell task to the body.
 */
import type { MapStep } from '../../engine/model/flow';
import { useAppStoreApi } from '../app-context';
import { freshId } from '../doc/new-step';
import { addBodyStep, deleteBodyStep, updateAnyStep } from '../doc/nested';
import { NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Fields for a map step. */
export function MapFields({ id, step }: { id: string; step: MapStep }) {
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
        out = updateAnyStep(out, last, { ...lastStep, next: added });
      }
      return out;
    });
    if (added) s.selectStep(added);
  };
  return (
    <Section title="Map" actions={<button type="button" className="btn small" onClick={addToBody}>Add body step</button>}>
      <TextField label="Items" mono value={step.items} placeholder="$input.hosts"
        hint="JSONata giving the array; each item is $item, its index $index."
        onCommit={(v) => patch('items', (s) => ({ ...(s as MapStep), items: v ?? '' }))} />
      <div className="row">
        <TextField label="As" mono value={step.as} placeholder="host" onCommit={(v) => patch('as', (s) => setKey(s, 'as', v))} />
        <NumberField label="Concurrency" value={step.concurrency} placeholder="all" onCommit={(v) => patch('concurrency', (s) => setKey(s, 'concurrency', v))} />
      </div>
      <SelectField label="Body start" value={step.start || undefined} options={body} noneLabel="(choose)"
        onChange={(v) => patch('start', (s) => ({ ...(s as MapStep), start: v ?? '' }))} />
      <ul className="plain map-body" aria-label="Body steps">
        {body.map((b) => (
          <li key={b} className="row">
            <button type="button" className="btn small" aria-label={`Edit body step ${b}`} onClick={() => store.getState().selectStep(b)}>
              {step.steps[b]?.title ?? b} <span className="muted">({step.steps[b]?.type})</span>
            </button>
            <button type="button" className="btn small danger" aria-label={`Remove body step ${b}`} disabled={body.length === 1}
              onClick={() => store.getState().edit((f) => deleteBodyStep(f, b))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}
