/**
 * The palette: one button per step kind ("Add task", "Add http" … "Add fail", DESIGN.md
 * "Designer"). Clicking appends the new step after the selected one (Camunda Modeler's context
 * pad), or, with nothing selected, puts it at a free spot near the middle of what the canvas shows.
 * Every button can also be dragged onto the canvas: the drag carries the kind as
 * PALETTE_DRAG_TYPE, which the canvas drops where the pointer is.
 * Without a document (no file open) there is nothing to add to, so the buttons are disabled.
 */
import { useReactFlow } from '@xyflow/react';
import { useActions, useAppStore, useAppStoreApi } from '../app-context';
import { StepIcon, type IconName } from '../canvas/icons';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { findStep } from '../doc/nested';
import { PALETTE_DRAG_TYPE, paletteEntries, type PaletteKind } from '../doc/new-step';
import { freeSpot } from '../doc/placement';
import { useTranslation } from '../i18n';
import type { AppState } from '../store/store';

const iconOf: Record<PaletteKind, IconName> = {
  task: 'shell',
  http: 'http',
  script: 'script',
  notify: 'notify',
  call: 'call',
  approval: 'approval',
  branch: 'branch',
  parallel: 'parallel',
  join: 'join',
  map: 'map',
  wait: 'wait',
  succeed: 'succeed',
  fail: 'fail',
};

/** The selected step if it exists; a step inside a map body counts too (the new step then joins that body). */
function selectedStepOf(s: AppState): string | null {
  return s.selectedStep && s.flow && (s.flow.steps[s.selectedStep] || findStep(s.flow, s.selectedStep)) ? s.selectedStep : null;
}

const isTaskVariant = (kind: PaletteKind) => ['task', 'http', 'script', 'notify', 'call'].includes(kind);

/** The left-hand palette. */
export function Palette() {
  const { t } = useTranslation();
  const actions = useActions();
  const store = useAppStoreApi();
  const hasFlow = useAppStore((s) => s.flow !== null);
  const selected = useAppStore(selectedStepOf);
  const { screenToFlowPosition } = useReactFlow();

  const add = (kind: PaletteKind) => {
    const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    const center = pane
      ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const { flow, autoPositions } = store.getState();
    // Read at click time: the selection may have changed since the last render.
    const after = selectedStepOf(store.getState());
    const taken = Object.keys(flow?.steps ?? {}).flatMap((id) => flow?.layout?.[id] ?? autoPositions[id] ?? []);
    const at = freeSpot({ x: center.x - NODE_WIDTH / 2, y: center.y - NODE_HEIGHT / 2 }, taken);
    actions.addFromPalette(kind, at, after);
  };

  return (
    <nav className="palette" aria-label={t('palette.ariaLabel')}>
      <h3>{t('palette.title')}</h3>
      {paletteEntries.map((e) => {
        // English names are the kinds themselves ("Add task", "Add http"): DESIGN.md's accessible names.
        const name = t(`palette.kinds.${e.kind}.name`);
        const hint = t(`palette.kinds.${e.kind}.hint`);
        return (
        <button
          key={e.kind}
          type="button"
          className={`palette-item kind-${e.kind}`}
          aria-label={t('palette.add', { label: name })}
          title={selected ? t('palette.addedAfter', { hint, step: selected }) : hint}
          disabled={!hasFlow}
          draggable={hasFlow}
          onDragStart={(ev) => {
            ev.dataTransfer.setData(PALETTE_DRAG_TYPE, e.kind);
            ev.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => add(e.kind)}
        >
          <span className={`palette-icon icon-${isTaskVariant(e.kind) ? 'task' : e.kind}`}>
            <StepIcon name={iconOf[e.kind]} />
          </span>
          <span className="palette-text">
            <span className="palette-label">{t(`palette.kinds.${e.kind}.label`)}</span>
            <span className="palette-hint">{hint}</span>
          </span>
        </button>
        );
      })}
      <p className="palette-help">
        {selected ? t('palette.helpAfter', { step: selected }) : t('palette.helpFree')}
      </p>
    </nav>
  );
}
