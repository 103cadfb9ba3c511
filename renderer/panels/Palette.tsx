/**
 * The palette: one button per step kind ("Add task", "Add approval"…). A new step gets a fresh
 * id, a default body, a place near the middle of what the canvas shows, and the selection.
 */
import { useReactFlow } from '@xyflow/react';
import type { TFunction } from 'i18next';
import { useActions, useAppStore, useAppStoreApi } from '../app-context';
import { StepIcon } from '../canvas/icons';
import { useTranslation } from '../i18n';
import type { IconName } from '../canvas/icons';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { freeSpot } from '../doc/placement';
import { paletteEntries, type PaletteKind } from '../doc/new-step';

const iconOf: Record<PaletteKind, IconName> = {
  'task-shell': 'shell',
  'task-http': 'http',
  approval: 'approval',
  branch: 'branch',
  parallel: 'parallel',
  join: 'join',
  wait: 'wait',
  succeed: 'succeed',
  fail: 'fail',
};

/**
 * A palette entry's text from `palette.kinds.<kind>.<field>`. A kind without a catalogue entry yet
 * shows the English of doc/new-step.ts (the key is built at run time, hence the untyped call).
 */
function kindText(t: TFunction, kind: string, field: 'label' | 'name' | 'hint', english: string): string {
  return (t as unknown as (key: string, o: { defaultValue: string }) => string)(`palette.kinds.${kind}.${field}`, { defaultValue: english });
}

/** The left-hand palette. */
export function Palette() {
  const { t } = useTranslation();
  const actions = useActions();
  const store = useAppStoreApi();
  const hasFlow = useAppStore((s) => s.flow !== null);
  const { screenToFlowPosition } = useReactFlow();

  const add = (kind: PaletteKind) => {
    const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    const center = pane
      ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const { flow, autoPositions } = store.getState();
    const taken = Object.keys(flow?.steps ?? {}).flatMap((id) => flow?.layout?.[id] ?? autoPositions[id] ?? []);
    actions.addFromPalette(kind, freeSpot({ x: center.x - NODE_WIDTH / 2, y: center.y - NODE_HEIGHT / 2 }, taken));
  };

  return (
    <nav className="palette" aria-label={t('palette.ariaLabel')}>
      <h3>{t('palette.title')}</h3>
      {paletteEntries.map((e) => {
        const label = kindText(t, e.kind, 'label', e.label);
        const name = kindText(t, e.kind, 'name', e.label.charAt(0).toUpperCase() + e.label.slice(1));
        const hint = kindText(t, e.kind, 'hint', e.hint);
        return (
        <button
          key={e.kind}
          type="button"
          className={`palette-item kind-${e.kind}`}
          aria-label={t('palette.add', { label })}
          title={hint}
          disabled={!hasFlow}
          onClick={() => add(e.kind)}
        >
          <span className={`palette-icon icon-${e.kind.startsWith('task') ? 'task' : e.kind}`}>
            <StepIcon name={iconOf[e.kind]} />
          </span>
          <span className="palette-text">
            <span className="palette-label">{name}</span>
            <span className="palette-hint">{hint}</span>
          </span>
        </button>
        );
      })}
      <p className="palette-help">{t('palette.help')}</p>
    </nav>
  );
}
