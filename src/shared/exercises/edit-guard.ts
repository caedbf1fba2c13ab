import type { LayerKind, ModelGraph } from '../graph/model-graph';
import { describeNode } from '../graph/problems';
import { getLayerDefinition } from '../layers/catalogue';
import { allowedKinds, type Exercise, permittedKinds } from './exercise';
import { type LockedNodeChange, lockedNodeChanges } from './locked-nodes';
import type { TrainingRules } from './training-rules';

/**
 * What an open exercise allows in the editor: which cards are locked, which kinds the palette offers, the one rule
 * every edit passes, and the training rules Train runs under. The rule is the check's own (`lockedNodeChanges`, `permittedKinds`), so the editor refuses
 * exactly what the check would fail, no more.
 */
export interface EditConstraints {
  lockedNodeIds: ReadonlySet<string>;
  /** The kinds the palette shows, in the catalogue's order. */
  paletteKinds: ReadonlySet<LayerKind>;
  /** Train applies them as a check does (applyTrainingRules): fixed values and budgets, and refuses broken rules. */
  rules: TrainingRules;
  /** Why turning `before` into `after` is refused (a sentence for the status line), or null when it is allowed. */
  refuse(before: ModelGraph, after: ModelGraph): string | null;
}

export function exerciseConstraints(exercise: Exercise): EditConstraints {
  const permitted = permittedKinds(exercise);
  const start = new Map(exercise.start.graph.nodes.map((node) => [node.id, node]));
  return {
    lockedNodeIds: new Set(exercise.lockedNodeIds ?? []),
    paletteKinds: new Set(allowedKinds(exercise)),
    rules: exercise.rules,
    refuse(before, after) {
      // Only what this edit breaks: a graph loaded with a change already in it stays editable elsewhere.
      const known = new Set(lockedNodeChanges(exercise, before).map(changeKey));
      const broken = lockedNodeChanges(exercise, after).find((change) => !known.has(changeKey(change)));
      if (broken) return refusal(broken, start.get(broken.nodeId));
      const existing = new Set(before.nodes.map((node) => node.id));
      const foreign = after.nodes.find((node) => !existing.has(node.id) && !permitted.has(node.kind));
      if (foreign) {
        const offered = [...permitted].map((kind) => getLayerDefinition(kind).displayName).join(', ');
        return `${getLayerDefinition(foreign.kind).displayName} is not part of this exercise (it uses ${offered}).`;
      }
      return null;
    },
  };
}

function changeKey(change: LockedNodeChange): string {
  return `${change.nodeId}\u0000${change.change}`;
}

function refusal(change: LockedNodeChange, original: { id: string; kind: string; label?: string } | undefined): string {
  const name = original ? describeNode(original) : `"${change.nodeId}"`;
  switch (change.change) {
    case 'removed':
      return `${name} is locked in this exercise: it can't be deleted.`;
    case 'kind':
    case 'settings':
      return `${name} is locked in this exercise: its settings can't be changed.`;
    case 'connections':
      return `${name} is locked in this exercise: its connections to the other locked layers can't be changed.`;
    case 'output':
      return `${name} is locked in this exercise: it stays the model's output.`;
  }
}
