/**
 * The frame every step node shares: icon, kind caption, title, subtitle, status stripe and
 * badge, handles. Carries DESIGN.md's Designer DOM attributes (`data-step-id`,
 * `data-step-type`, `data-status`) on its root element.
 */
import { Handle, Position } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { Step } from '../../engine/model/flow';
import { useAppStore } from '../app-context';
import { sourceHandles } from '../doc/edges';
import type { ConnectKind } from '../doc/edits';
import { useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { statusLook } from '../run/status-colors';
import { selectHasBreakpoint } from '../store/run-slice';
import { stepIcon, stepKindLabel, stepSubtitle } from './describe-step';
import { StepIcon } from './icons';
import { findingsByStep } from './step-findings';
import { selectDiffMark } from '../versions/versions-slice';

/** Data each canvas node carries: the step as it is in the document. */
export interface StepNodeData extends Record<string, unknown> {
  step: Step;
  /** True for a step in a map's body (drawn inside the map's frame). */
  isNested?: boolean;
}

/** Where each source handle sits; its tooltip is `canvas.handle.<kind>`. */
const handlePlaces: Record<ConnectKind, { position: Position }> = {
  next: { position: Position.Bottom },
  case: { position: Position.Bottom },
  branch: { position: Position.Bottom },
  default: { position: Position.Right },
  reject: { position: Position.Right },
  catch: { position: Position.Right },
};

/** Props of the shell: the node id plus optional extra content under the subtitle. */
export interface NodeShellProps {
  id: string;
  step: Step;
  selected: boolean;
  extra?: string;
  /** Draw as a frame holding other nodes (a map and its body): header on top, no fixed size. */
  isFrame?: boolean;
}

/** Renders one step node; the per-type components in step-nodes.tsx choose what goes in it. */
export function NodeShell({ id, step, selected, extra, isFrame }: NodeShellProps) {
  const { t } = useTranslation();
  const hasBreakpoint = useAppStore(selectHasBreakpoint(id));
  // The map is built once per findings change (step-findings.ts); the entry's identity is stable.
  const finding = useAppStore((s) => findingsByStep(s.findings).get(id));
  const status = useAppStore((s) => s.run?.steps[id]?.status ?? 'pending');
  const attempts = useAppStore((s) => s.run?.steps[id]?.attempts ?? 0);
  const hasRun = useAppStore((s) => s.run !== null);
  const isRunOver = useAppStore((s) => s.run?.endedAt != null);
  // After a run ends, steps it never reached keep data-status="pending" but drop the badge and fade.
  const isUntaken = isRunOver && status === 'pending';
  // Issue #12: while the Versions panel shows a diff, steps it names carry data-diff (versions/versions.css colours them).
  const diff = useAppStore(selectDiffMark(id));
  const look = statusLook(status);
  const style = { '--accent': look.accent, '--tint': look.tint } as CSSProperties;
  const title = step.title ?? id;
  return (
    <div
      className={`step-node type-${step.type}${isFrame ? ' is-frame' : ''}${selected ? ' is-selected' : ''}${look.isAnimated ? ' is-animated' : ''}${isUntaken ? ' is-untaken' : ''}`}
      style={style}
      data-step-id={id}
      data-step-type={step.type}
      data-status={status}
      {...(finding ? { 'data-finding': finding.severity } : {})}
      data-breakpoint={hasBreakpoint ? 'true' : undefined}
      data-diff={diff}
      title={step.description ?? title}
    >
      <Handle type="target" position={Position.Top} id="in" className="handle-in" />
      {hasBreakpoint && <span className="breakpoint-dot" title={t('canvas.breakpointTitle')} aria-label={t('canvas.breakpoint')} />}
      <div className="step-head">
        <div className={`step-icon icon-${step.type}`}>
          <StepIcon name={stepIcon(step)} />
        </div>
        <div className="step-text">
          <div className="step-kind">{stepKindLabel(step)}</div>
          <div className="step-title">{title}</div>
          <div className="step-sub">{extra ?? stepSubtitle(step)}</div>
        </div>
      </div>
      {finding && (
        <div
          className={`finding-badge is-${finding.severity}`}
          role="status"
          aria-label={t(`canvas.findingBadge.${finding.severity}`, { count: finding.count })}
          title={t('canvas.findingBadgeTitle', { what: t(`canvas.findingBadge.${finding.severity}`, { count: finding.count }) })}
        >
          {finding.severity === 'error' ? '!' : '⚠'} {finding.count}
        </div>
      )}
      {hasRun && !isUntaken && (
        <div className="step-badge" aria-label={t('status.badge', { status: statusLabel(t, status) })}>
          <span className="dot" />
          {statusLabel(t, status)}
          {attempts > 1 ? t('status.attempt', { n: attempts }) : ''}
        </div>
      )}
      {/* At most one handle per side: the main outlet below, the alternative (catch, reject, default) right. */}
      {sourceHandles(step.type).map((kind) => (
        <Handle
          key={kind}
          type="source"
          id={kind}
          position={handlePlaces[kind].position}
          title={t(`canvas.handle.${kind}`)}
          className={`handle-out handle-${kind}`}
        />
      ))}
    </div>
  );
}
