import { Emitter } from '../../../shared/emitter';
import type { GraphEdge, GraphNode, LayerKind, ModelGraph } from '../../../shared/graph/model-graph';
import type { DatasetDescriptor, DatasetRef } from '../../../shared/training/dataset';
import type { TrainConfig } from '../../../shared/training/train-config';
import { DEFAULT_TRAIN_CONFIG } from '../../../shared/training/train-config';
import { applyFix, createNode, insertNodeAfter, removeNodes, sequentialIds } from '../../../shared/graph/graph-edits';
import { connectionProblem } from '../canvas/connection-rules';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { analyzeCached, type GraphAnalysis } from './analysis';
import type { GraphProblem } from '../../../shared/graph/problems';
import { parseClipboardText, serializeFragment, type GraphFragment } from './clipboard-fragment';

/** What gets saved and what undo/redo restores: the model, how to train it and on which data. */
export interface ProjectDoc {
  graph: ModelGraph;
  training: TrainConfig;
  dataset: DatasetRef;
}

export interface XY {
  x: number;
  y: number;
}

export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
  /** Increments on every message so the status line re-announces a repeated text. */
  seq: number;
}

export interface EditorState {
  doc: ProjectDoc;
  /** View state below: never saved, never part of undo. */
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Positions of nodes being dragged; folded into the graph as one edit when the drag ends. */
  dragPositions: ReadonlyMap<string, XY> | null;
  /** Sizes React Flow measured; kept so re-created canvas nodes don't have to be measured again. */
  measured: ReadonlyMap<string, { width: number; height: number }>;
  /** The dataset the project points at, once the host described it; feeds shape checks. */
  datasetDescriptor: DatasetDescriptor | null;
  project: { handle: string | null; name: string };
  /** The doc as last saved or opened; `dirty` compares identities so undoing back to it is clean again. */
  savedDoc: ProjectDoc;
  canUndo: boolean;
  canRedo: boolean;
  status: StatusMessage | null;
  /** Increments whenever a whole project is loaded, so the canvas knows to fit the new graph in view. */
  loadCount: number;
}

export const EMPTY_GRAPH: ModelGraph = { version: 1, nodes: [], edges: [] };
export const DEFAULT_DATASET: DatasetRef = { kind: 'builtin', id: 'fonts' };
export const UNTITLED = 'Untitled';
const HISTORY_LIMIT = 200;
/** Keystrokes in one field closer together than this are one undo step. */
const COALESCE_MS = 1000;
/** Offset of pasted and duplicated nodes, in flow units, so copies don't hide their originals. */
const PASTE_OFFSET = 40;

type Clipboard = GraphFragment;

export type EditResult = { ok: true } | { ok: false; reason: string };

/**
 * The designer's state: the saved project doc (with undo/redo) apart from view state. Subscribed to with
 * `useSyncExternalStore`; every method is a complete user action, so a test drives it like the UI does.
 */
export class EditorStore {
  private state: EditorState;
  private readonly changed = new Emitter();
  private past: ProjectDoc[] = [];
  private future: ProjectDoc[] = [];
  private clipboard: Clipboard | null = null;
  /** The clipboard as written to the system clipboard, so reading our own copy back is recognised cheaply. */
  private clipboardText: string | null = null;
  private pasteCount = 0;
  private statusSeq = 0;
  private lastCoalesce: string | undefined;
  private lastCommitAt = 0;

  constructor(doc?: Partial<ProjectDoc>) {
    const initial: ProjectDoc = {
      graph: doc?.graph ?? EMPTY_GRAPH,
      training: doc?.training ?? DEFAULT_TRAIN_CONFIG,
      dataset: doc?.dataset ?? DEFAULT_DATASET,
    };
    this.state = {
      doc: initial,
      selectedNodes: new Set(),
      selectedEdges: new Set(),
      dragPositions: null,
      measured: new Map(),
      datasetDescriptor: null,
      project: { handle: null, name: UNTITLED },
      savedDoc: initial,
      canUndo: false,
      canRedo: false,
      status: null,
      loadCount: 0,
    };
  }

  readonly getState = (): EditorState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  get graph(): ModelGraph {
    return this.state.doc.graph;
  }

  get dirty(): boolean {
    return this.state.doc !== this.state.savedDoc;
  }

  /** Shapes, parameter counts and problems of the current graph; computed once per graph change. */
  get analysis(): GraphAnalysis {
    return analyzeCached(this.state.doc.graph, this.state.datasetDescriptor, this.state.doc.training);
  }

  private set(patch: Partial<EditorState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit();
  }

  /**
   * Records one undoable edit. Edits sharing a `coalesce` key in quick succession (typing in one field) merge
   * into one history entry, so undo takes back the whole value rather than one keystroke.
   */
  private commit(doc: ProjectDoc, view: Partial<EditorState> = {}, coalesce?: string): void {
    if (doc === this.state.doc) {
      if (Object.keys(view).length > 0) this.set(view);
      return;
    }
    const now = Date.now();
    const merge = coalesce !== undefined && coalesce === this.lastCoalesce && now - this.lastCommitAt < COALESCE_MS;
    this.lastCoalesce = coalesce;
    this.lastCommitAt = now;
    if (!merge) {
      this.past.push(this.state.doc);
      if (this.past.length > HISTORY_LIMIT) this.past.shift();
    }
    this.future = [];
    this.set({ ...view, doc, canUndo: true, canRedo: false });
  }

  private commitGraph(graph: ModelGraph, view: Partial<EditorState> = {}, coalesce?: string): void {
    this.commit({ ...this.state.doc, graph }, view, coalesce);
  }

  setStatus(text: string, tone: StatusMessage['tone'] = 'info'): void {
    this.set({ status: { text, tone, seq: ++this.statusSeq } });
  }

  clearStatus(): void {
    if (this.state.status) this.set({ status: null });
  }

  // ---- history -------------------------------------------------------------------------------------------

  undo(): void {
    const previous = this.past.pop();
    if (!previous) return;
    this.lastCoalesce = undefined;
    this.future.push(this.state.doc);
    this.set({ doc: previous, canUndo: this.past.length > 0, canRedo: true, ...this.pruneSelection(previous.graph) });
  }

  redo(): void {
    const next = this.future.pop();
    if (!next) return;
    this.lastCoalesce = undefined;
    this.past.push(this.state.doc);
    this.set({ doc: next, canUndo: true, canRedo: this.future.length > 0, ...this.pruneSelection(next.graph) });
  }

  private pruneSelection(graph: ModelGraph): Pick<EditorState, 'selectedNodes' | 'selectedEdges'> {
    const nodeIds = new Set(graph.nodes.map((n) => n.id));
    const edgeIds = new Set(graph.edges.map((e) => e.id));
    return {
      selectedNodes: new Set([...this.state.selectedNodes].filter((id) => nodeIds.has(id))),
      selectedEdges: new Set([...this.state.selectedEdges].filter((id) => edgeIds.has(id))),
    };
  }

  // ---- project -------------------------------------------------------------------------------------------

  /** Replaces the whole project (new, open, recover); history starts over. */
  loadProject(
    doc: ProjectDoc,
    project: { handle: string | null; name: string },
    options: { dirty?: boolean } = {},
  ): void {
    this.past = [];
    this.future = [];
    this.set({
      doc,
      savedDoc: options.dirty ? { ...doc } : doc,
      project,
      selectedNodes: new Set(),
      selectedEdges: new Set(),
      dragPositions: null,
      measured: new Map(),
      canUndo: false,
      canRedo: false,
      loadCount: this.state.loadCount + 1,
    });
  }

  markSaved(project: { handle: string | null; name: string }, savedDoc: ProjectDoc = this.state.doc): void {
    this.set({ project, savedDoc });
  }

  setDatasetDescriptor(descriptor: DatasetDescriptor | null): void {
    this.set({ datasetDescriptor: descriptor });
  }

  setTraining(patch: Partial<TrainConfig>): void {
    const training = { ...this.state.doc.training, ...patch };
    const same = (Object.keys(patch) as (keyof TrainConfig)[]).every((k) => this.state.doc.training[k] === training[k]);
    if (same) return;
    this.commit({ ...this.state.doc, training }, {}, `training:${Object.keys(patch).join(',')}`);
  }

  setDataset(dataset: DatasetRef): void {
    if (JSON.stringify(dataset) === JSON.stringify(this.state.doc.dataset)) return;
    this.commit({ ...this.state.doc, dataset }, { datasetDescriptor: null });
  }

  // ---- selection -----------------------------------------------------------------------------------------

  select(nodeIds: Iterable<string>, options: { additive?: boolean; edges?: Iterable<string> } = {}): void {
    const nodes = new Set(options.additive ? this.state.selectedNodes : []);
    for (const id of nodeIds) nodes.add(id);
    const edges = new Set(options.additive ? this.state.selectedEdges : []);
    for (const id of options.edges ?? []) edges.add(id);
    this.set({ selectedNodes: nodes, selectedEdges: edges });
  }

  /** Applies React Flow's per-item select/deselect changes in one update. */
  setSelected(changes: { id: string; selected: boolean; isEdge: boolean }[]): void {
    if (changes.length === 0) return;
    const nodes = new Set(this.state.selectedNodes);
    const edges = new Set(this.state.selectedEdges);
    for (const c of changes) {
      const set = c.isEdge ? edges : nodes;
      if (c.selected) set.add(c.id);
      else set.delete(c.id);
    }
    this.set({ selectedNodes: nodes, selectedEdges: edges });
  }

  selectAll(): void {
    this.select(
      this.graph.nodes.map((n) => n.id),
      { edges: this.graph.edges.map((e) => e.id) },
    );
  }

  clearSelection(): void {
    if (this.state.selectedNodes.size === 0 && this.state.selectedEdges.size === 0) return;
    this.set({ selectedNodes: new Set(), selectedEdges: new Set() });
  }

  /** The one selected node, for the inspector; null when none or several are selected. */
  get selectedNode(): GraphNode | null {
    if (this.state.selectedNodes.size !== 1) return null;
    const [id] = this.state.selectedNodes;
    return this.graph.nodes.find((n) => n.id === id) ?? null;
  }

  // ---- edits ---------------------------------------------------------------------------------------------

  /** Places a new layer at `position` (flow coordinates), selected. */
  addNode(kind: LayerKind, position: XY): GraphNode {
    const node = createNode(kind, position, sequentialIds(this.graph)(kind));
    this.commitGraph({ ...this.graph, nodes: [...this.graph.nodes, node] }, this.selectOnly(node.id));
    return node;
  }

  /**
   * Adds a layer after the selected node and wires it in (the selected node's consumers now read from the new
   * layer); with nothing selected it goes after the graph's lowest sink, so pressing kinds in a row builds a chain.
   */
  addNodeAfterSelection(kind: LayerKind): GraphNode {
    const anchor = this.selectedNode ?? this.lowestSink();
    let graph = insertNodeAfter(this.graph, anchor?.id ?? null, kind, sequentialIds(this.graph));
    const node = graph.nodes[graph.nodes.length - 1];
    if (anchor && graph.edges.some((e) => e.source === node.id)) graph = this.makeRoomBelow(graph, anchor, node);
    this.commitGraph(graph, this.selectOnly(node.id));
    return graph.nodes.find((n) => n.id === node.id)!;
  }

  /** An inserted layer goes one row under its anchor and pushes everything below it down a row. */
  private makeRoomBelow(graph: ModelGraph, anchor: GraphNode, inserted: GraphNode): ModelGraph {
    const row = 120;
    return {
      ...graph,
      nodes: graph.nodes.map((n) => {
        if (n.id === inserted.id) return { ...n, position: { x: anchor.position.x, y: anchor.position.y + row } };
        if (n.position.y > anchor.position.y + 10)
          return { ...n, position: { x: n.position.x, y: n.position.y + row } };
        return n;
      }),
    };
  }

  private lowestSink(): GraphNode | null {
    const sources = new Set(this.graph.edges.map((e) => e.source));
    let best: GraphNode | null = null;
    for (const n of this.graph.nodes) {
      if (sources.has(n.id)) continue;
      if (!best || n.position.y > best.position.y) best = n;
    }
    return best;
  }

  private selectOnly(id: string): Partial<EditorState> {
    return { selectedNodes: new Set([id]), selectedEdges: new Set() };
  }

  /** Why `source → target` is refused (cycle, too many inputs, ...), or null when it is allowed. */
  checkConnection(source: string, target: string): string | null {
    return connectionProblem(this.graph, source, target);
  }

  connect(source: string, target: string): EditResult {
    const reason = this.checkConnection(source, target);
    if (reason) {
      this.setStatus(reason, 'error');
      return { ok: false, reason };
    }
    const edge: GraphEdge = { id: sequentialIds(this.graph)('edge'), source, target };
    const targetNode = this.graph.nodes.find((n) => n.id === target)!;
    // Only merges have slots; their order is Concatenate's order.
    if (getLayerDefinition(targetNode.kind).inputs.max > 1)
      edge.targetPort = this.graph.edges.filter((e) => e.target === target).length;
    this.commitGraph({ ...this.graph, edges: [...this.graph.edges, edge] });
    return { ok: true };
  }

  /** Deletes the selected nodes (with their edges) and the selected edges, as one edit. */
  deleteSelection(): void {
    const { selectedNodes, selectedEdges } = this.state;
    if (selectedNodes.size === 0 && selectedEdges.size === 0) return;
    let graph = this.graph;
    if (selectedEdges.size > 0)
      graph = renumberPorts({ ...graph, edges: graph.edges.filter((e) => !selectedEdges.has(e.id)) });
    if (selectedNodes.size > 0) graph = renumberPorts(removeNodes(graph, [...selectedNodes]));
    this.commitGraph(graph, { selectedNodes: new Set(), selectedEdges: new Set() });
  }

  updateConfig(nodeId: string, key: string, value: GraphNode['config'][string]): void {
    const node = this.graph.nodes.find((n) => n.id === nodeId);
    if (!node || JSON.stringify(node.config[key]) === JSON.stringify(value)) return;
    const updated: GraphNode = { ...node, config: { ...node.config, [key]: value } };
    this.commitGraph(
      { ...this.graph, nodes: this.graph.nodes.map((n) => (n === node ? updated : n)) },
      {},
      `config:${nodeId}:${key}`,
    );
  }

  setLabel(nodeId: string, label: string): void {
    const node = this.graph.nodes.find((n) => n.id === nodeId);
    if (!node || (node.label ?? '') === label) return;
    const updated: GraphNode = { ...node };
    if (label) updated.label = label;
    else delete updated.label;
    this.commitGraph(
      { ...this.graph, nodes: this.graph.nodes.map((n) => (n === node ? updated : n)) },
      {},
      `label:${nodeId}`,
    );
  }

  /** Live drag: only view state changes, so the graph (and its analysis) stays put until the drop. */
  dragNodes(positions: Map<string, XY>): void {
    const merged = new Map(this.state.dragPositions ?? []);
    for (const [id, p] of positions) merged.set(id, p);
    this.set({ dragPositions: merged });
  }

  /** Ends a drag: all moved nodes land in the graph as one undoable edit. */
  endDrag(positions?: Map<string, XY>): void {
    const moved = new Map(this.state.dragPositions ?? []);
    for (const [id, p] of positions ?? []) moved.set(id, p);
    if (moved.size === 0) {
      if (this.state.dragPositions) this.set({ dragPositions: null });
      return;
    }
    this.moveNodes(moved, { dragPositions: null });
  }

  moveNodes(positions: Map<string, XY>, view: Partial<EditorState> = {}): void {
    let changed = false;
    const nodes = this.graph.nodes.map((n) => {
      const p = positions.get(n.id);
      if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
      changed = true;
      return { ...n, position: { x: p.x, y: p.y } };
    });
    if (changed) this.commitGraph({ ...this.graph, nodes }, view);
    else this.set(view);
  }

  setMeasured(sizes: Map<string, { width: number; height: number }>): void {
    const measured = new Map(this.state.measured);
    for (const [id, s] of sizes) measured.set(id, s);
    this.set({ measured });
  }

  /** Applies a problem's one-click fix (e.g. "Insert Flatten") as one edit. */
  applyFix(problem: GraphProblem): void {
    if (!problem.fix) return;
    let graph = applyFix(this.graph, problem.fix);
    // A fix that inserts a layer puts it between two cards; give it a row of its own.
    const existing = new Set(this.graph.nodes.map((n) => n.id));
    for (const added of graph.nodes.filter((n) => !existing.has(n.id))) {
      const feeder = graph.edges.find((e) => e.target === added.id);
      const anchor = feeder && graph.nodes.find((n) => n.id === feeder.source);
      if (anchor) graph = this.makeRoomBelow(graph, anchor, added);
    }
    this.commitGraph(graph);
  }

  // ---- clipboard -----------------------------------------------------------------------------------------

  copy(): number {
    const ids = this.state.selectedNodes;
    if (ids.size === 0) return 0;
    this.clipboard = {
      nodes: this.graph.nodes.filter((n) => ids.has(n.id)),
      edges: this.graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
    this.clipboardText = serializeFragment(this.clipboard);
    this.pasteCount = 0;
    return this.clipboard.nodes.length;
  }

  /** The last copy as JSON text for the system clipboard (see clipboard-fragment), or null before any copy. */
  copiedText(): string | null {
    return this.clipboardText;
  }

  cut(): void {
    if (this.copy() > 0) this.deleteSelection();
  }

  /**
   * Pastes the copied nodes with fresh ids, offset, keeping the edges among them; they become the selection.
   * Returns how many layers were pasted (0 before any copy).
   */
  paste(): number {
    if (!this.clipboard) return 0;
    this.pasteCount++;
    this.insertCopies(this.clipboard, PASTE_OFFSET * this.pasteCount);
    return this.clipboard.nodes.length;
  }

  /**
   * Pastes layers read from the system clipboard (copied in this window, another window or another session).
   * Our own last copy pastes exactly like `paste()`, each paste one offset further; other text is parsed and
   * checked first and then becomes the in-memory clipboard. Text that isn't LayerLab layers is refused.
   */
  pasteText(text: string): { ok: true } | { ok: false; foreign: boolean; reason: string } {
    if (text !== this.clipboardText) {
      const parsed = parseClipboardText(text);
      if (parsed.kind === 'foreign')
        return { ok: false, foreign: true, reason: 'The clipboard holds no LayerLab layers.' };
      if (parsed.kind === 'invalid') return { ok: false, foreign: false, reason: parsed.reason };
      this.clipboard = parsed.fragment;
      this.clipboardText = text;
      this.pasteCount = 0;
    }
    this.paste();
    return { ok: true };
  }

  duplicate(): void {
    if (this.copy() === 0) return;
    this.paste();
  }

  private insertCopies(clip: Clipboard, offset: number): void {
    const ids = sequentialIds(this.graph);
    const idMap = new Map(clip.nodes.map((n) => [n.id, ids(n.kind)]));
    const nodes: GraphNode[] = clip.nodes.map((n) => ({
      ...n,
      id: idMap.get(n.id)!,
      position: { x: n.position.x + offset, y: n.position.y + offset },
    }));
    const edges: GraphEdge[] = clip.edges.map((e) => ({
      ...e,
      id: ids('edge'),
      source: idMap.get(e.source)!,
      target: idMap.get(e.target)!,
    }));
    this.commitGraph(
      { ...this.graph, nodes: [...this.graph.nodes, ...nodes], edges: [...this.graph.edges, ...edges] },
      { selectedNodes: new Set(nodes.map((n) => n.id)), selectedEdges: new Set() },
    );
  }
}

/** Keeps merge inputs numbered 0..n-1 after edges go away, so Concatenate's order stays meaningful. */
function renumberPorts(graph: ModelGraph): ModelGraph {
  const byTarget = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = byTarget.get(e.target) ?? [];
    list.push(e);
    byTarget.set(e.target, list);
  }
  let changed = false;
  const renumbered = new Map<GraphEdge, GraphEdge>();
  for (const list of byTarget.values()) {
    if (list.length < 2 && list.every((e) => e.targetPort === undefined || e.targetPort === 0)) continue;
    [...list]
      .sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0))
      .forEach((e, i) => {
        if (e.targetPort !== i) {
          renumbered.set(e, { ...e, targetPort: i });
          changed = true;
        }
      });
  }
  if (!changed) return graph;
  return { ...graph, edges: graph.edges.map((e) => renumbered.get(e) ?? e) };
}
