/**
 * Find a step (issue #8 point 3): Ctrl+F opens a search box (accessible name "Find step") over the
 * canvas; typing lists steps whose id or title matches (doc/clipboard.ts findSteps); Enter or a
 * click selects the step and centres the canvas on it; Escape closes. Inside the code view Ctrl+F
 * stays Monaco's own find.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../app-context';
import { findSteps } from '../doc/clipboard';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { useTranslation } from '../i18n';
import './find.css';

/** Most matches listed at once. */
const MAX_RESULTS = 8;

/** The find box; renders nothing until Ctrl+F. Must sit inside the ReactFlowProvider. */
export function FindBox() {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const store = useAppStoreApi();
  const flow = useAppStore((s) => s.flow);
  const { setCenter, getZoom } = useReactFlow();
  const results = useMemo(() => (flow && isOpen ? findSteps(flow, query).slice(0, MAX_RESULTS) : []), [flow, query, isOpen]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'f' || e.altKey || e.shiftKey) return;
      if (e.target instanceof HTMLElement && e.target.closest('.monaco-editor')) return;
      if (!store.getState().flow) return;
      e.preventDefault();
      setOpen(true);
      // Focus after the box is rendered (it may be opening now).
      setTimeout(() => input.current?.select(), 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  const reveal = (id: string) => {
    const s = store.getState();
    s.selectStep(id);
    const p = s.flow?.layout?.[id] ?? s.autoPositions[id];
    if (p) void setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(getZoom(), 0.8), duration: 200 });
    setOpen(false);
  };

  if (!isOpen) return null;
  const chosen = results[Math.min(active, results.length - 1)];
  return (
    <div className="find-box" role="search">
      <input
        ref={input}
        type="search"
        aria-label={t('find.label')}
        placeholder={t('find.placeholder')}
        value={query}
        autoFocus
        aria-controls="find-results"
        aria-activedescendant={chosen ? `find-${chosen}` : undefined}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
          else if (e.key === 'Enter' && chosen) reveal(chosen);
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else return;
          e.preventDefault();
        }}
        onBlur={(e) => {
          if (!e.relatedTarget?.closest('.find-box')) setOpen(false);
        }}
      />
      {query.trim() !== '' && (
        <ul id="find-results" role="listbox" aria-label={t('find.results')}>
          {results.length === 0 && <li className="muted">{t('find.none')}</li>}
          {results.map((id) => (
            <li key={id} id={`find-${id}`} role="option" aria-selected={id === chosen}>
              <button type="button" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => reveal(id)}>
                <span className="mono">{id}</span>
                {flow && <StepTitle id={id} />}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StepTitle({ id }: { id: string }) {
  const title = useAppStore((s) => s.flow?.steps[id]?.title);
  return title ? <span className="muted"> {title}</span> : null;
}
