import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from '@xyflow/react';
import type { LayerKind } from '../../../shared/graph/model-graph';
import { LAYER_KINDS } from '../../../shared/graph/model-graph';
import { kindColor } from '../ui/kind-color';
import { useEditor, useEditorState, useViewport } from '../app-context';
import { DEFAULT_CARD_SIZE, type XY } from '../store/editor-store';
import { LAYER_DRAG_TYPE } from '../palette/palette';
import { preloadLayout } from './auto-layout';
import { createCanvasMapper, type CanvasEdge, type CanvasNode } from './canvas-mapping';
import { LayerNode } from './layer-node';
import { ShapeEdge } from './shape-edge';

const NODE_TYPES = { layer: LayerNode };
const EDGE_TYPES = { shape: ShapeEdge };
const PRO_OPTIONS = { hideAttribution: true };

/**
 * The mini map shows only on a canvas this large: on a laptop or projector (1280×720) with the training dock open it
 * would cover a good part of the graph.
 */
export const MINIMAP_MIN_CANVAS = { width: 900, height: 520 };

function minimapColor(node: CanvasNode): string {
  if (node.data.problems.some((p) => p.severity === 'error')) return 'var(--danger)';
  return kindColor(node.data.kind);
}

/** The node-graph editor: React Flow over the store's ModelGraph, mapped in one place (canvas-mapping). */
export function Canvas(props: { theme: 'light' | 'dark' }) {
  const editor = useEditor();
  const state = useEditorState();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const viewport = useViewport();
  const host = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const mapper = useRef(createCanvasMapper()).current;
  const graph = state.doc.graph;
  const analysis = editor.analysis;
  const { selectedNodes, selectedEdges, dragPositions, measured } = state;
  const locked = state.constraints?.lockedNodeIds;
  const { nodes, edges } = useMemo(
    () => mapper(graph, { selectedNodes, selectedEdges, dragPositions, measured, locked }, analysis),
    [mapper, graph, selectedNodes, selectedEdges, dragPositions, measured, locked, analysis],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const dragging = new Map<string, XY>();
      const dropped = new Map<string, XY>();
      let dragEnded = false;
      const selection: { id: string; selected: boolean; isEdge: boolean }[] = [];
      const sizes = new Map<string, { width: number; height: number }>();
      for (const c of changes) {
        if (c.type === 'position') {
          if (c.dragging) {
            if (c.position) dragging.set(c.id, c.position);
          } else {
            dragEnded = true;
            if (c.position) dropped.set(c.id, c.position);
          }
        } else if (c.type === 'select') {
          selection.push({ id: c.id, selected: c.selected, isEdge: false });
        } else if (c.type === 'dimensions' && c.dimensions) {
          sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        }
        // 'remove' is ignored: deleting goes through the store's deleteSelection (one undo step for nodes + edges).
      }
      if (sizes.size > 0) editor.setMeasured(sizes);
      if (selection.length > 0) editor.setSelected(selection);
      if (dragging.size > 0) editor.dragNodes(dragging);
      if (dragEnded) editor.endDrag(dropped);
    },
    [editor],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) => {
      const selection = changes.flatMap((c) =>
        c.type === 'select' ? [{ id: c.id, selected: c.selected, isEdge: true }] : [],
      );
      editor.setSelected(selection);
    },
    [editor],
  );

  // Load the layout engine once the app is idle, so the first Auto-layout is instant.
  useEffect(() => {
    const timer = setTimeout(() => void preloadLayout().catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, []);

  // A newly loaded project (template, open, recovery) is shown whole once React Flow has measured its cards.
  const loadCount = state.loadCount;
  useEffect(() => {
    if (loadCount === 0) return;
    const timer = setTimeout(() => viewport.fit(), 50);
    return () => clearTimeout(timer);
  }, [loadCount, viewport]);

  // A window resize, a panel resized or collapsed, the training dock opened: fit again (or keep the user's centre).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = { width: el.clientWidth, height: el.clientHeight };
        setSize(next);
        viewport.resized(next);
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [viewport]);

  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      // Only the user's own pan or zoom carries an event; fits and reveals don't.
      if (event) viewport.userMovedView();
    },
    [viewport],
  );

  const onConnect = useCallback((c: Connection) => void editor.connect(c.source, c.target), [editor]);

  const isValidConnection = useCallback(
    (c: Connection | CanvasEdge) => editor.checkConnection(c.source, c.target) === null,
    [editor],
  );

  /** React Flow refuses invalid drops silently; say why in the status line. */
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      if (connection.isValid || !connection.fromNode || !connection.toNode) return;
      const [source, target] =
        connection.fromHandle?.type === 'target'
          ? [connection.toNode.id, connection.fromNode.id]
          : [connection.fromNode.id, connection.toNode.id];
      const reason = editor.checkConnection(source, target);
      if (reason) editor.setStatus(`Connection refused: ${reason}`, 'error');
    },
    [editor],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!(LAYER_KINDS as readonly string[]).includes(kind)) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      // Centre the card under the pointer rather than hanging it from its corner.
      editor.addNode(kind as LayerKind, {
        x: Math.round(at.x - DEFAULT_CARD_SIZE.width / 2),
        y: Math.round(at.y - DEFAULT_CARD_SIZE.height / 2),
      });
    },
    [editor, flow],
  );

  const onNodeDragStop = useCallback(() => editor.endDrag(), [editor]);

  return (
    <div className="canvas" ref={host} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        onInit={() => viewport.fit()}
        onMoveStart={onMoveStart}
        // The wheel scrolls a graph too large to show legibly; pinch or Ctrl+wheel zooms.
        panOnScroll
        minZoom={0.1}
        maxZoom={2}
        colorMode={props.theme}
        proOptions={PRO_OPTIONS}
        onlyRenderVisibleElements={nodes.length > 150}
        aria-label="Model graph"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
        <Controls position="bottom-left" />
        {size.width >= MINIMAP_MIN_CANVAS.width && size.height >= MINIMAP_MIN_CANVAS.height && (
          <MiniMap<CanvasNode>
            pannable
            zoomable
            nodeColor={minimapColor}
            position="bottom-right"
            ariaLabel="Mini map"
          />
        )}
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="canvas-empty" role="note">
          <p className="canvas-empty-title">Drag a layer from the palette to start</p>
          <p>…or press a layer's name to add it, or start from a template with New (Ctrl+N).</p>
        </div>
      )}
    </div>
  );
}
