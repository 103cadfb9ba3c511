/**
 * One node component per step type (issue #2), registered with React Flow as `nodeTypes`.
 * Each picks what its subtitle shows; the frame, status and handles come from NodeShell.
 */
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { FrameNode, StepNode } from './build-graph';
import { useTranslation } from '../i18n';
import { NodeShell } from './NodeShell';

export type { StepNode } from './build-graph';

type P = NodeProps<StepNode>;

function TaskNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function ApprovalNode({ id, data, selected }: P) {
  const { t } = useTranslation();
  const step = data.step;
  const quorum = step.type === 'approval' && step.quorum && step.quorum > 1 ? t('canvas.quorum', { n: step.quorum }) : '';
  // The code view may hold approvers that are not a list (validation says so); show them as text.
  const who = step.type === 'approval' ? (Array.isArray(step.approvers) ? step.approvers.join(', ') : String(step.approvers ?? '')) || t('describe.noApprovers') : '';
  return <NodeShell id={id} step={step} selected={selected} extra={`${who}${quorum}`} />;
}

function BranchNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function ParallelNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function JoinNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function MapNode({ id, data, selected }: P) {
  const { t } = useTranslation();
  const step = data.step;
  const inner = step.type === 'map' ? Object.keys(step.steps).length : 0;
  return (
    <NodeShell id={id} step={step} selected={selected} isFrame extra={t('canvas.mapEach', { items: step.type === 'map' ? step.items : '', count: inner })} />
  );
}

/**
 * The frame around a parallel's branches and its join. Only a label: the parallel and the join
 * are ordinary nodes inside it. Dragging the label moves the whole group.
 */
function ParallelFrame({ data }: NodeProps<FrameNode>) {
  const { t } = useTranslation();
  return (
    <div className="group-frame" data-group-of={data.parallel}>
      <div className="group-label">{t('canvas.parallelFrame', { title: data.title })}</div>
    </div>
  );
}

function WaitNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function SucceedNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function FailNode({ id, data, selected }: P) {
  const step = data.step;
  const msg = step.type === 'fail' ? [step.error, step.message].filter(Boolean).join(': ') : '';
  return <NodeShell id={id} step={step} selected={selected} extra={msg || undefined} />;
}

/** React Flow node types, keyed by step type; defined once at module level so React Flow keeps them. */
export const nodeTypes: NodeTypes = {
  task: memo(TaskNode),
  approval: memo(ApprovalNode),
  branch: memo(BranchNode),
  parallel: memo(ParallelNode),
  join: memo(JoinNode),
  map: memo(MapNode),
  wait: memo(WaitNode),
  succeed: memo(SucceedNode),
  fail: memo(FailNode),
  frame: memo(ParallelFrame),
} as NodeTypes;
