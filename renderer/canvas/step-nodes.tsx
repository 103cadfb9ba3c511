/**
 * One node component per step type (issue #2), registered with React Flow as `nodeTypes`.
 * Each picks what its subtitle shows; the frame, status and handles come from NodeShell.
 */
import type { Node, NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from '../i18n';
import type { Step } from '../../engine/model/flow';
import { NodeShell, type StepNodeData } from './NodeShell';

/** A canvas node of a step. */
export type StepNode = Node<StepNodeData, Step['type']>;

type P = NodeProps<StepNode>;

function TaskNode({ id, data, selected }: P) {
  return <NodeShell id={id} step={data.step} selected={selected} />;
}

function ApprovalNode({ id, data, selected }: P) {
  const { t } = useTranslation();
  const step = data.step;
  const quorum = step.type === 'approval' && step.quorum && step.quorum > 1 ? t('canvas.quorum', { n: step.quorum }) : '';
  const who = step.type === 'approval' ? step.approvers.join(', ') || t('describe.noApprovers') : '';
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
  return <NodeShell id={id} step={step} selected={selected} extra={t('canvas.nested', { count: inner })} />;
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
} as NodeTypes;
