import { Emitter } from '../../../shared/emitter';
import type { FlowDirection, GraphNode, LayerKind, ModelGraph } from '../../../shared/graph/model-graph';
import type { DatasetDescriptor, DatasetRef } from '../../../shared/training/dataset';
import type { TrainConfig } from '../../../shared/training/train-config';
import { DEFAULT_TRAIN_CONFIG } from '../../../shared/training/train-config';
import { resolveTask, type Task } from '../../../shared/training/task';
import { connectionProblem } from '../../../shared/graph/connection-rules';
import {
  addEdge,
  addLayerAfter,
  applyFixWithRoom,
  createNode,
  deleteElements,
  extractFragment,
  insertFragment,
  lowestSink,
  makeRoomForGrowth,
  moveNodes,
  pasteOffset,
  sequentialIds,
  setConfigValue,
  setFlowDirection,
  setNodeLabel,
} from '../../../shared/graph/graph-edits';
import type { GraphProblem } from '../../../shared/graph/problems';
import { countOf } from '../../../shared/text/plural';
import type { EditConstraints } from '../../../shared/exercises/edit-guard';
import { analyzeCached, type GraphAnalysis } from './analysis';
import { ClipboardManager, type AdoptResult } from './clipboard-manager';
import { HistoryManager } from './history-manager';
import { SelectionManager, type SelectionChange } from './selection-manager';
import { StatusManager, type StatusMessage } from './status-manager';

export type { StatusMessage };

/** What gets saved and what undo/redo restores: the model, how to train it, on which data and to learn what. */
export interface ProjectDoc {
  graph: ModelGraph;
  training: TrainConfig;
  dataset: DatasetRef;
  /** What the network learns; shown and chosen in the training settings, sent with every training request. */
  task: Task;
  /**
   * The opened file's top-level fields this version does not know (a newer LayerLab's, another tool's): never shown
   * or edited, written back as read (fields inside the graph and settings ride along in their own objects).
   */
  unknownFields?: Record<string, unknown>;
}

export interface XY {
  x: number;
  y: number;
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
  /**
   * The dataset the project points at, once the host described it, with the file's own class names (the project's
   * renamed ones are applied on display: `withClassNames`); feeds shape checks.
   */
  datasetDescriptor: DatasetDescriptor | null;
  project: { handle: string | null; name: string };
  /** The doc as last saved or opened; `dirty` compares identities so undoing back to it is clean again. */
  savedDoc: ProjectDoc;
  canUndo: boolean;
  canRedo: boolean;
  status: StatusMessage | null;
  /** Increments whenever a whole project is loaded, so the canvas knows to fit the new graph in view. */
  loadCount: number;
  /**
   * Fields whose typed text is not a valid value (it stays in the box, unapplied), by field key, with the sentence
   * saying why. Training is refused while there is one: it would silently train with the old value.
   */
  fieldProblems: ReadonlyMap<string, string>;
  /**
   * Why the project's data can't be used now (a file not loaded in this session, unreadable...), as the host said
   * it, or null. Blocks Train; the picker offers to import the file again.
   */
  datasetProblem: string | null;
  /**
   * What an open exercise allows (locked cards, the palette's kinds); null outside an exercise. Every edit passes
   * its `refuse` rule, and a refused edit changes nothing and says why on the status line.
   */
  constraints: EditConstraints | null;
}

/** A card's size before React Flow has measured it (new cards, tests), in flow units. */
export const DEFAULT_CARD_SIZE = { width: 200, height: 90 };

export const EMPTY_GRAPH: ModelGraph = { version: 1, nodes: [], edges: [] };
export const DEFAULT_DATASET: DatasetRef = { kind: 'builtin', id: 'fonts' };
export const UNTITLED = 'Untitled';

/** A complete doc from the parts given: an empty graph, the default settings and data, and resolveTask's task. */
export function projectDoc(doc: Partial<ProjectDoc> = {}): ProjectDoc {
  const graph = doc.graph ?? EMPTY_GRAPH;
  const training = doc.training ?? DEFAULT_TRAIN_CONFIG;
  return {
    graph,
    training,
    dataset: doc.dataset ?? DEFAULT_DATASET,
    task: resolveTask({ task: doc.task, graph, loss: training.loss }),
    ...(doc.unknownFields ? { unknownFields: doc.unknownFields } : {}),
  };
}

export type EditResult = { ok: true } | { ok: false; reason: string };

/** What pasting clipboard text did: how many layers it added, or why it added none. */
export type PasteResult = { ok: true; count: number } | Exclude<AdoptResult, { ok: true }>;

/** The state a manager owns and the snapshot only mirrors. */
type ManagedState = 'selectedNodes' | 'selectedEdges' | 'canUndo' | 'canRedo' | 'status';

/**
 * The designer's state: the saved project doc apart from view state, composed from small managers (history,
 * selection, clipboard, status line) the way tldraw's Editor composes its HistoryManager; the graph edits themselves
 * are pure functions in src/shared/graph. Subscribed to with `useSyncExternalStore`; every method is a complete user
 * action that publishes one snapshot, so a test drives it like the UI does (see TestEditor).
 */
export class EditorStore {
  private state: EditorState;
  private readonly changed = new Emitter();
  private readonly history = new HistoryManager<ProjectDoc>({ limit: 200, mergeWithinMs: 1000 });
  private readonly selection = new SelectionManager();
  private readonly clipboard = new ClipboardManager();
  private readonly status = new StatusManager();

  constructor(doc?: Partial<ProjectDoc>) {
    const initial = projectDoc(doc);
    this.state = {
      doc: initial,
      dragPositions: null,
      measured: new Map(),
      datasetDescriptor: null,
      project: { handle: null, name: UNTITLED },
      savedDoc: initial,
      loadCount: 0,
      fieldProblems: new Map(),
      datasetProblem: null,
      constraints: null,
      ...this.managed(),
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
    return analyzeCached(this.state.doc.graph, this.state.datasetDescriptor, this.state.doc.task);
  }

  private managed(): Pick<EditorState, ManagedState> {
    return {
      selectedNodes: this.selection.nodes,
      selectedEdges: this.selection.edges,
      canUndo: this.history.canUndo,
      canRedo: this.history.canRedo,
      status: this.status.current,
    };
  }

  /** Publishes one new snapshot: `patch` plus what the managers hold now. */
  private publish(patch: Partial<Omit<EditorState, ManagedState>> = {}): void {
    this.state = { ...this.state, ...patch, ...this.managed() };
    this.changed.emit();
  }

  /**
   * One undoable edit: the doc with `change` (a part that keeps its identity is no change), published with `patch`.
   * Edits sharing a `coalesce` key in quick succession are one undo step (see HistoryManager).
   */
  private commit(
    change: Partial<ProjectDoc>,
    patch: Partial<Omit<EditorState, ManagedState>> = {},
    coalesce?: string,
  ): boolean {
    const before = this.state.doc;
    const same = (Object.keys(change) as (keyof ProjectDoc)[]).every((key) => change[key] === before[key]);
    const refused =
      change.graph && change.graph !== before.graph ? this.state.constraints?.refuse(before.graph, change.graph) : null;
    if (refused) {
      this.status.show(refused, 'error');
      this.publish();
      return false;
    }
    if (!same) {
      this.history.record(before, coalesce);
      // A refusal or failure reported earlier is stale once the user has successfully changed something.
      this.status.clearError();
    }
    this.publish({ ...patch, doc: same ? before : { ...before, ...change } });
    return true;
  }

  // ---- status line ---------------------------------------------------------------------------------------

  setStatus(text: string, tone: StatusMessage['tone'] = 'info'): void {
    this.status.show(text, tone);
    this.publish();
  }

  clearStatus(): void {
    if (this.status.clear()) this.publish();
  }

  // ---- history -------------------------------------------------------------------------------------------

  undo(): void {
    this.restore(this.history.undo(this.state.doc));
  }

  redo(): void {
    this.restore(this.history.redo(this.state.doc));
  }

  private restore(doc: ProjectDoc | undefined): void {
    if (!doc) return;
    this.selection.retainIn(doc.graph);
    this.publish({ doc });
  }

  // ---- project -------------------------------------------------------------------------------------------

  /** Replaces the whole project (new, open, recover); history starts over. */
  loadProject(
    doc: ProjectDoc,
    project: { handle: string | null; name: string },
    options: { dirty?: boolean } = {},
  ): void {
    this.history.clear();
    this.selection.clear();
    this.publish({
      doc,
      savedDoc: options.dirty ? { ...doc } : doc,
      project,
      dragPositions: null,
      measured: new Map(),
      loadCount: this.state.loadCount + 1,
    });
  }

  markSaved(project: { handle: string | null; name: string }, savedDoc: ProjectDoc = this.state.doc): void {
    this.publish({ project, savedDoc });
  }

  setDatasetDescriptor(descriptor: DatasetDescriptor | null): void {
    this.publish({ datasetDescriptor: descriptor, ...(descriptor ? { datasetProblem: null } : {}) });
  }

  /** The data set could not be read (null once it can): shown in the picker and blocking Train. */
  setDatasetProblem(problem: string | null): void {
    if (problem === null && this.state.datasetProblem === null) return;
    this.publish({ datasetProblem: problem, ...(problem ? { datasetDescriptor: null } : {}) });
  }

  /** A field's typed text is invalid (`message` says why) or valid again (null); see `fieldProblems`. */
  setFieldProblem(key: string, message: string | null): void {
    const current = this.state.fieldProblems.get(key) ?? null;
    if (current === message) return;
    const fieldProblems = new Map(this.state.fieldProblems);
    if (message === null) fieldProblems.delete(key);
    else fieldProblems.set(key, message);
    this.publish({ fieldProblems });
  }

  /** Puts an exercise's constraints in force (null lifts them); not an edit, so not undone. */
  setConstraints(constraints: EditConstraints | null): void {
    if (constraints !== this.state.constraints) this.publish({ constraints });
  }

  /** Whether the card is locked by the open exercise. */
  isLocked(nodeId: string): boolean {
    return this.state.constraints?.lockedNodeIds.has(nodeId) ?? false;
  }

  setTraining(patch: Partial<TrainConfig>): void {
    const training = { ...this.state.doc.training, ...patch };
    const same = (Object.keys(patch) as (keyof TrainConfig)[]).every((k) => this.state.doc.training[k] === training[k]);
    if (same) return;
    this.commit({ training }, {}, `training:${Object.keys(patch).join(',')}`);
  }

  /** What the network learns (the training settings' "What the network learns"); one undoable edit. */
  setTask(task: Task): void {
    if (task === this.state.doc.task) return;
    this.commit({ task });
  }

  setDataset(dataset: DatasetRef): void {
    if (JSON.stringify(dataset) === JSON.stringify(this.state.doc.dataset)) return;
    this.commit({ dataset }, { datasetDescriptor: null, datasetProblem: null });
  }

  /**
   * Names class `index` of an imported file (empty: the file's own name again). Saved with the project's data set;
   * the picker, later runs' confusion matrices and the CLI all use it. Typing is one undo step per class.
   */
  renameClass(index: number, name: string): void {
    const dataset = this.state.doc.dataset;
    const count = this.state.datasetDescriptor?.classNames.length ?? 0;
    if (dataset.kind !== 'file' || index < 0 || index >= count) return;
    const names = Array.from({ length: count }, (_, i) => dataset.classNames?.[i] ?? '');
    names[index] = name;
    const { classNames: _old, ...rest } = dataset;
    const next: DatasetRef = names.some((n) => n.trim() !== '') ? { ...rest, classNames: names } : rest;
    if (JSON.stringify(next) !== JSON.stringify(dataset)) this.commit({ dataset: next }, {}, `classNames:${index}`);
  }

  // ---- selection -----------------------------------------------------------------------------------------

  select(nodeIds: Iterable<string>, options: { additive?: boolean; edges?: Iterable<string> } = {}): void {
    this.selection.select(nodeIds, options);
    this.publish();
  }

  /** Applies React Flow's per-item select/deselect changes in one update. */
  setSelected(changes: SelectionChange[]): void {
    if (changes.length === 0) return;
    this.selection.apply(changes);
    this.publish();
  }

  selectAll(): void {
    this.select(
      this.graph.nodes.map((n) => n.id),
      { edges: this.graph.edges.map((e) => e.id) },
    );
  }

  clearSelection(): void {
    if (this.selection.clear()) this.publish();
  }

  /** The one selected node, for the inspector; null when none or several are selected. */
  get selectedNode(): GraphNode | null {
    const id = this.selection.onlyNode;
    return this.graph.nodes.find((n) => n.id === id) ?? null;
  }

  // ---- edits ---------------------------------------------------------------------------------------------

  /** Places a new layer at `position` (flow coordinates), selected; null when the open exercise refuses it. */
  addNode(kind: LayerKind, position: XY): GraphNode | null {
    const node = createNode(kind, position, sequentialIds(this.graph)(kind));
    if (!this.commit({ graph: { ...this.graph, nodes: [...this.graph.nodes, node] } })) return null;
    this.selection.select([node.id]);
    this.publish();
    return node;
  }

  /**
   * Adds a layer after the selected node and wires it in (the selected node's consumers now read from the new
   * layer); with nothing selected it goes after the graph's lowest sink, so pressing kinds in a row builds a chain.
   */
  addNodeAfterSelection(kind: LayerKind): GraphNode | null {
    const anchor = this.selectedNode ?? lowestSink(this.graph);
    const { graph, nodeId } = addLayerAfter(
      this.graph,
      anchor?.id ?? null,
      kind,
      sequentialIds(this.graph),
      this.sizeOf,
    );
    if (!this.commit({ graph })) return null;
    this.selection.select([nodeId]);
    this.publish();
    return graph.nodes.find((n) => n.id === nodeId)!;
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
    if (!this.commit({ graph: addEdge(this.graph, source, target, sequentialIds(this.graph)) }))
      return { ok: false, reason: this.state.status?.text ?? 'refused' };
    return { ok: true };
  }

  /** Deletes the selected nodes (with their edges) and the selected edges, as one edit. */
  /**
   * Deletes the selected nodes (with their edges) and the selected edges, as one edit. In an exercise, locked cards
   * stay (the rest goes) and the status line says so.
   */
  deleteSelection(): void {
    if (this.selection.isEmpty) return;
    const lockedNodes = [...this.selection.nodes].filter((id) => this.isLocked(id));
    const nodes = [...this.selection.nodes].filter((id) => !this.isLocked(id));
    const edges = new Set(this.selection.edges);
    if (nodes.length === 0 && lockedNodes.length > 0) {
      // Only locked cards: the edges between them must stay too, so the guard's sentence says why nothing went.
      const refused = this.state.constraints?.refuse(
        this.graph,
        deleteElements(this.graph, { nodes: lockedNodes, edges }),
      );
      if (refused) this.setStatus(refused, 'error');
      return;
    }
    const graph = deleteElements(this.graph, { nodes, edges });
    if (!this.commit({ graph })) return;
    this.selection.clear();
    if (lockedNodes.length > 0)
      this.setStatus(
        `${countOf(lockedNodes.length, 'locked layer')} of the exercise stayed: locked layers can't be deleted.`,
        'error',
      );
    else this.publish();
  }

  updateConfig(nodeId: string, key: string, value: GraphNode['config'][string]): void {
    const node = this.graph.nodes.find((n) => n.id === nodeId);
    if (!node || JSON.stringify(node.config[key]) === JSON.stringify(value)) return;
    this.commit({ graph: setConfigValue(this.graph, nodeId, key, value) }, {}, `config:${nodeId}:${key}`);
  }

  setLabel(nodeId: string, label: string): void {
    const graph = setNodeLabel(this.graph, nodeId, label);
    if (graph !== this.graph) this.commit({ graph }, {}, `label:${nodeId}`);
  }

  /** Live drag: only view state changes, so the graph (and its analysis) stays put until the drop. */
  dragNodes(positions: Map<string, XY>): void {
    this.publish({ dragPositions: new Map([...(this.state.dragPositions ?? []), ...positions]) });
  }

  /** Ends a drag: all moved nodes land in the graph as one undoable edit. */
  endDrag(positions?: Map<string, XY>): void {
    const moved = new Map([...(this.state.dragPositions ?? []), ...(positions ?? [])]);
    if (moved.size === 0) {
      if (this.state.dragPositions) this.publish({ dragPositions: null });
      return;
    }
    this.moveNodes(moved, { dragPositions: null });
  }

  moveNodes(positions: Map<string, XY>, patch: { dragPositions?: null } = {}): void {
    this.commit({ graph: moveNodes(this.graph, positions) }, patch);
  }

  /**
   * Sizes React Flow measured. A card that grew taller (an error message and its fix appeared) pushes the cards it
   * would now cover down. That move is not an undo step of its own: undoing the edit that made the card grow puts
   * everything back, and a project that was clean stays clean.
   */
  setMeasured(sizes: Map<string, { width: number; height: number }>): void {
    const before = this.state.measured;
    const measured = new Map([...before, ...sizes]);
    const sizeOf = (node: GraphNode) => measured.get(node.id) ?? DEFAULT_CARD_SIZE;
    let graph = this.graph;
    for (const [id, size] of sizes) {
      const heightBefore = before.get(id)?.height ?? DEFAULT_CARD_SIZE.height;
      if (size.height > heightBefore) graph = makeRoomForGrowth(graph, id, heightBefore, sizeOf);
    }
    if (graph === this.graph) return this.publish({ measured });
    const doc = { ...this.state.doc, graph };
    this.publish({ measured, doc, savedDoc: this.dirty ? this.state.savedDoc : doc });
  }

  /** Places the cards where an auto-layout put them, optionally turning the flow (down or right): one edit. */
  arrange(positions: ReadonlyMap<string, XY>, direction?: FlowDirection): void {
    const turned = direction ? setFlowDirection(this.graph, direction) : this.graph;
    this.commit({ graph: moveNodes(turned, positions) });
  }

  /** Applies a problem's one-click fix (e.g. "Insert Flatten") as one edit. */
  applyFix(problem: GraphProblem): boolean {
    return problem.fix ? this.commit({ graph: applyFixWithRoom(this.graph, problem.fix, this.sizeOf) }) : false;
  }

  // ---- clipboard -----------------------------------------------------------------------------------------

  /** Copies the selected layers and the edges among them; returns how many layers. */
  copy(): number {
    return this.clipboard.copy(extractFragment(this.graph, this.selection.nodes));
  }

  /** The last copy as JSON text for the system clipboard (see clipboard-fragment), or null before any copy. */
  copiedText(): string | null {
    return this.clipboard.copiedText;
  }

  cut(): void {
    if (this.copy() > 0) this.deleteSelection();
  }

  /** A card's size as last measured on the canvas (the default before it was). */
  readonly sizeOf = (node: GraphNode): { width: number; height: number } =>
    this.state.measured.get(node.id) ?? DEFAULT_CARD_SIZE;

  /**
   * Pastes the copied nodes with fresh ids beside the originals (never on top of any card), keeping the edges among
   * them; they become the selection. Returns how many layers were pasted (0 before any copy).
   */
  paste(): number {
    const fragment = this.clipboard.fragment;
    if (!fragment) return 0;
    const { graph, nodeIds } = insertFragment(this.graph, fragment, pasteOffset(this.graph, fragment, this.sizeOf));
    if (!this.commit({ graph })) return 0;
    this.selection.select(nodeIds);
    this.publish();
    return nodeIds.length;
  }

  /**
   * Pastes layers read from the system clipboard (copied in this window, another window or another session). Our own
   * last copy pastes exactly like `paste()`; other text is parsed and checked first and then becomes the in-memory
   * clipboard. Text that isn't LayerLab layers is refused.
   */
  pasteText(text: string): PasteResult {
    const adopted = this.clipboard.adopt(text);
    return adopted.ok ? { ok: true, count: this.paste() } : adopted;
  }

  /** Copies and pastes the selection in one go; returns how many layers were added. */
  duplicate(): number {
    return this.copy() > 0 ? this.paste() : 0;
  }
}
