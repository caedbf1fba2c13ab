import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';
import type { Viewport } from '../commands/command-context';
import { boundsOfRects, centredOn, fitViewport, isInView, keepCentre, type Rect } from './fit-view';

type FlowStore = ReturnType<typeof useStoreApi>;

/** A card React Flow has not measured yet is assumed this large. */
const UNMEASURED = { width: 200, height: 90 };

/**
 * The canvas camera the commands and the canvas use, over React Flow's instance and store (read when called, so it
 * always sees the latest). Fit view is LayerLab's own (fit-view.ts): it stops at a legible zoom and shows the graph's
 * start instead of shrinking a deep network to unreadable cards.
 */
export function createCanvasViewport(flow: () => ReactFlowInstance, store: () => FlowStore): Viewport & CanvasCamera {
  /** Whether the user panned or zoomed since the last fit: then a resize keeps their view instead of refitting. */
  let userMoved = false;
  let size: { width: number; height: number } | null = null;

  const view = () => {
    const { width, height } = store().getState();
    return { width, height };
  };
  const current = () => {
    const [x, y, zoom] = store().getState().transform;
    return { x, y, zoom };
  };
  const rectOf = (id: string): Rect | null => {
    const node = store().getState().nodeLookup.get(id);
    if (!node) return null;
    const { x, y } = node.internals.positionAbsolute;
    return {
      x,
      y,
      width: node.measured.width ?? UNMEASURED.width,
      height: node.measured.height ?? UNMEASURED.height,
    };
  };

  const fit = (options: { duration?: number } = {}) => {
    const rects = [...store().getState().nodeLookup.keys()].map(rectOf).filter((r): r is Rect => r !== null);
    const bounds = boundsOfRects(rects);
    const { width, height } = view();
    if (!bounds || width === 0 || height === 0) return;
    userMoved = false;
    void flow().setViewport(fitViewport(bounds, { width, height }), { duration: options.duration });
  };

  return {
    fit,
    zoomIn: (options) => flow().zoomIn(options),
    zoomOut: (options) => flow().zoomOut(options),
    reveal(nodeId) {
      // The new card is rendered and measured a frame or two after the edit that added it.
      const attempt = (tries: number) => {
        const rect = rectOf(nodeId);
        const measured = store().getState().nodeLookup.get(nodeId)?.measured.width !== undefined;
        if ((!rect || !measured) && tries > 0) return void requestAnimationFrame(() => attempt(tries - 1));
        if (!rect) return;
        const { zoom } = current();
        if (isInView(rect, current(), view())) return;
        void flow().setViewport(centredOn(rect, zoom, view()), { duration: 200 });
      };
      requestAnimationFrame(() => attempt(10));
    },
    userMovedView() {
      userMoved = true;
    },
    resized(next) {
      const before = size;
      size = next;
      if (!before || (before.width === next.width && before.height === next.height)) return;
      if (!userMoved) fit();
      else void flow().setViewport(keepCentre(current(), before, next));
    },
  };
}

/** What the canvas itself tells the camera. */
export interface CanvasCamera {
  /** The user panned or zoomed (not a fit). */
  userMovedView(): void;
  /** The canvas has a new size: refit, or keep the user's centre when they moved the view themselves. */
  resized(size: { width: number; height: number }): void;
}
