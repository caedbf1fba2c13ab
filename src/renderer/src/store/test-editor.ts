import type { GraphNode, LayerKind, ModelGraph } from '../../../shared/graph/model-graph';
import type { GraphProblem } from '../../../shared/graph/problems';
import { EditorStore, type ProjectDoc } from './editor-store';
import { copyLayers, pasteLayers, type PasteSource, type TextClipboard } from './system-clipboard';

/**
 * A headless driver for the editor store (after tldraw's TestEditor): the same actions the UI performs, plus
 * queries and assertions phrased in the graph's terms, so store tests read like user stories.
 */
export class TestEditor {
  readonly store: EditorStore;

  constructor(doc?: Partial<ProjectDoc>) {
    this.store = new EditorStore(doc);
  }

  get graph(): ModelGraph {
    return this.store.graph;
  }

  get problems(): GraphProblem[] {
    return this.store.analysis.problems;
  }

  node(id: string): GraphNode {
    const node = this.graph.nodes.find((n) => n.id === id);
    if (!node)
      throw new Error(
        `No node "${id}" in the graph (nodes: ${this.graph.nodes.map((n) => n.id).join(', ') || 'none'})`,
      );
    return node;
  }

  /** Node ids of `kind`, in graph order. */
  idsOf(kind: LayerKind): string[] {
    return this.graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
  }

  /** "a->b" pairs for every edge, sorted, for compact assertions. */
  get wiring(): string[] {
    return this.graph.edges.map((e) => `${e.source}->${e.target}`).sort();
  }

  shapeOf(id: string): number[] | null {
    return this.store.analysis.shapes[id] ?? null;
  }

  /** Adds a layer the way pressing its palette button does, and returns its id. */
  press(kind: LayerKind): string {
    const node = this.store.addNodeAfterSelection(kind);
    if (!node) throw new Error(`Adding ${kind} was refused: ${this.store.getState().status?.text}`);
    return node.id;
  }

  /** Adds a layer the way dropping it on the canvas does. */
  drop(kind: LayerKind, x = 0, y = 0): string {
    const node = this.store.addNode(kind, { x, y });
    if (!node) throw new Error(`Dropping ${kind} was refused: ${this.store.getState().status?.text}`);
    return node.id;
  }

  /** Presses the kinds in turn, building a chain; returns their ids. */
  chain(...kinds: LayerKind[]): string[] {
    this.store.clearSelection();
    return kinds.map((k) => this.press(k));
  }

  select(...ids: string[]): this {
    this.store.select(ids);
    return this;
  }

  connect(source: string, target: string): ReturnType<EditorStore['connect']> {
    return this.store.connect(source, target);
  }

  /** Drags the given nodes by (dx, dy) in several steps, then drops them: one undoable edit. */
  drag(ids: string[], dx: number, dy: number, steps = 5): this {
    const start = new Map(ids.map((id) => [id, this.node(id).position]));
    for (let i = 1; i <= steps; i++) {
      this.store.dragNodes(
        new Map(
          ids.map((id) => [id, { x: start.get(id)!.x + (dx * i) / steps, y: start.get(id)!.y + (dy * i) / steps }]),
        ),
      );
    }
    this.store.endDrag();
    return this;
  }

  setConfig(id: string, key: string, value: GraphNode['config'][string]): this {
    this.store.updateConfig(id, key, value);
    return this;
  }

  deleteSelection(): this {
    this.store.deleteSelection();
    return this;
  }

  undo(times = 1): this {
    for (let i = 0; i < times; i++) this.store.undo();
    return this;
  }

  redo(times = 1): this {
    for (let i = 0; i < times; i++) this.store.redo();
    return this;
  }

  copy(): this {
    this.store.copy();
    return this;
  }

  paste(): this {
    this.store.paste();
    return this;
  }

  /** Copies (or cuts) as Ctrl+C / Ctrl+X do: in memory and, when allowed, to `clipboard`. Returns the count. */
  copyToClipboard(clipboard: TextClipboard | null, options: { cut?: boolean } = {}): Promise<number> {
    return copyLayers(this.store, clipboard, options);
  }

  /** Pastes as Ctrl+V does: from `clipboard` when it holds LayerLab layers, else from memory. */
  async pasteFromClipboard(clipboard: TextClipboard | null): Promise<PasteSource> {
    return (await pasteLayers(this.store, clipboard)).source;
  }

  /** Applies the one-click fix of the first problem on `nodeId` that has one. */
  fix(nodeId: string): GraphProblem {
    const problem = this.problems.find((p) => p.nodeId === nodeId && p.fix);
    if (!problem)
      throw new Error(
        `No fixable problem on "${nodeId}" (problems: ${this.problems.map((p) => p.message).join(' | ') || 'none'})`,
      );
    this.store.applyFix(problem);
    return problem;
  }

  get selection(): string[] {
    return [...this.store.getState().selectedNodes];
  }
}
