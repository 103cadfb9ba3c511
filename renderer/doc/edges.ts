/**
 * The canvas' edges, derived from the document with successors() semantics (engine/model/flow.ts):
 * one edge per (source, target) pair, carrying every reference it stands for, so that deleting the
 * edge clears exactly those references (see edits.disconnect).
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';
import type { ConnectKind } from './edits';
import { stepReferences } from '../../engine/model/step-references';

/** Why an edge exists; `case` and `catch` carry their index in the step. */
export type EdgeRef =
  | { kind: 'next' }
  | { kind: 'case'; index: number; when: string }
  | { kind: 'default' }
  | { kind: 'branch' }
  | { kind: 'onReject' }
  | { kind: 'onTimeout' }
  | { kind: 'catch'; index: number; errors: string[] };

/** One canvas edge: its style comes from the first ref (see edgeStyleKind). */
export interface FlowEdge {
  id: string;
  source: StepId;
  target: StepId;
  refs: EdgeRef[];
  label: string | undefined;
  /** The source handle the edge leaves from (see the step node components). */
  sourceHandle: ConnectKind;
  style: 'normal' | 'catch' | 'reject' | 'case' | 'branch';
}

/**
 * The references of one step that are drawn as edges, in successors() order: cases, default,
 * branches, next, onReject, onTimeout, catch (engine/model/step-references.ts lists them; a
 * parallel's `join` and a map's body `start` are not edges).
 */
export function stepRefs(step: Step): { target: StepId; ref: EdgeRef }[] {
  const out: { target: StepId; ref: EdgeRef }[] = [];
  for (const { kind, to, index } of stepReferences(step)) {
    if (kind === 'join' || kind === 'start') continue;
    if (kind === 'case' && step.type === 'branch') out.push({ target: to, ref: { kind, index: index!, when: step.cases[index!]!.when } });
    else if (kind === 'catch') out.push({ target: to, ref: { kind, index: index!, errors: step.catch![index!]!.errors } });
    else if (kind !== 'case') out.push({ target: to, ref: { kind } });
  }
  return out;
}

function refLabel(ref: EdgeRef): string | undefined {
  switch (ref.kind) {
    case 'case':
      return ref.when.length > 32 ? `${ref.when.slice(0, 31)}…` : ref.when;
    case 'default':
      return 'default';
    case 'onReject':
      return 'rejected';
    case 'onTimeout':
      return 'timed out';
    case 'catch':
      return `catch ${ref.errors.join(', ')}`;
    default:
      return undefined;
  }
}

const handleOf: Record<EdgeRef['kind'], ConnectKind> = {
  next: 'next',
  case: 'case',
  default: 'default',
  branch: 'branch',
  onReject: 'reject',
  onTimeout: 'reject',
  catch: 'catch',
};

const styleOf: Record<EdgeRef['kind'], FlowEdge['style']> = {
  next: 'normal',
  case: 'case',
  default: 'case',
  branch: 'branch',
  onReject: 'reject',
  onTimeout: 'reject',
  catch: 'catch',
};

/**
 * Source handles a node of each type shows, first one being the main outlet. End steps have none:
 * a `next` on them is not drawn (validation reports it).
 */
export function sourceHandles(type: Step['type']): ConnectKind[] {
  switch (type) {
    case 'succeed':
    case 'fail':
      return [];
    case 'branch':
      return ['case', 'default'];
    case 'parallel':
      return ['branch'];
    case 'approval':
      return ['next', 'reject'];
    case 'join':
      return ['next'];
    default:
      return ['next', 'catch'];
  }
}

/** All edges of the flow; references to unknown steps are left out (validation reports them). */
export function flowEdges(flow: Flow): FlowEdge[] {
  const edges = new Map<string, FlowEdge>();
  for (const [source, step] of Object.entries(flow.steps)) {
    const handles = sourceHandles(step.type);
    for (const { target, ref } of stepRefs(step)) {
      if (!flow.steps[target] || handles.length === 0) continue;
      const wanted = handleOf[ref.kind];
      const id = `${source}->${target}`;
      const edge = edges.get(id);
      if (edge) {
        edge.refs.push(ref);
        const extra = refLabel(ref);
        if (extra) edge.label = edge.label ? `${edge.label} / ${extra}` : extra;
        continue;
      }
      edges.set(id, {
        id,
        source,
        target,
        refs: [ref],
        label: refLabel(ref),
        sourceHandle: handles.includes(wanted) ? wanted : (handles[0] as ConnectKind),
        style: styleOf[ref.kind],
      });
    }
  }
  return [...edges.values()];
}
