import type { ModelGraph } from '../../../shared/graph/model-graph';

const NONE: ReadonlySet<string> = new Set();

/** One React Flow select/deselect change. */
export interface SelectionChange {
  id: string;
  selected: boolean;
  isEdge: boolean;
}

/**
 * Which nodes and edges are selected: view state, never saved and never part of undo. The sets are replaced, never
 * mutated, so a component that reads them re-renders exactly when the selection changes.
 */
export class SelectionManager {
  private nodeIds: ReadonlySet<string> = NONE;
  private edgeIds: ReadonlySet<string> = NONE;

  get nodes(): ReadonlySet<string> {
    return this.nodeIds;
  }

  get edges(): ReadonlySet<string> {
    return this.edgeIds;
  }

  get isEmpty(): boolean {
    return this.nodeIds.size === 0 && this.edgeIds.size === 0;
  }

  /** The one selected node's id; null when none or several are selected. */
  get onlyNode(): string | null {
    if (this.nodeIds.size !== 1) return null;
    const [id] = this.nodeIds;
    return id;
  }

  /** Selects these nodes (and edges), replacing the selection or, with `additive`, adding to it. */
  select(nodeIds: Iterable<string>, options: { additive?: boolean; edges?: Iterable<string> } = {}): void {
    this.nodeIds = new Set([...(options.additive ? this.nodeIds : []), ...nodeIds]);
    this.edgeIds = new Set([...(options.additive ? this.edgeIds : []), ...(options.edges ?? [])]);
  }

  /** Applies React Flow's per-item changes at once. */
  apply(changes: readonly SelectionChange[]): void {
    if (changes.length === 0) return;
    const nodes = new Set(this.nodeIds);
    const edges = new Set(this.edgeIds);
    for (const change of changes) {
      const set = change.isEdge ? edges : nodes;
      if (change.selected) set.add(change.id);
      else set.delete(change.id);
    }
    this.nodeIds = nodes;
    this.edgeIds = edges;
  }

  /** Empties the selection; false when it already was empty (nothing to tell anyone). */
  clear(): boolean {
    if (this.isEmpty) return false;
    this.nodeIds = NONE;
    this.edgeIds = NONE;
    return true;
  }

  /** Drops ids the graph no longer has (after undo, redo or a load). */
  retainIn(graph: ModelGraph): void {
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    this.nodeIds = new Set([...this.nodeIds].filter((id) => nodeIds.has(id)));
    this.edgeIds = new Set([...this.edgeIds].filter((id) => edgeIds.has(id)));
  }
}
