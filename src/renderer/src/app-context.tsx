import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { LayerLabApi } from '../../shared/ipc/api';
import type { EditorState, EditorStore } from './store/editor-store';
import type { GraphAnalysis } from './store/analysis';
import type { TrainingSessionStore, TrainingSessionState } from './training/training-session';

const ApiContext = createContext<LayerLabApi | null>(null);
const EditorContext = createContext<EditorStore | null>(null);
const TrainingContext = createContext<TrainingSessionStore | null>(null);

/**
 * Everything the UI talks to, injected: the app passes the real host API, component tests pass a fake.
 */
export function AppProviders(props: {
  api: LayerLabApi;
  editor: EditorStore;
  training: TrainingSessionStore;
  children: ReactNode;
}) {
  return (
    <ApiContext.Provider value={props.api}>
      <EditorContext.Provider value={props.editor}>
        <TrainingContext.Provider value={props.training}>{props.children}</TrainingContext.Provider>
      </EditorContext.Provider>
    </ApiContext.Provider>
  );
}

export function useApi(): LayerLabApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <AppProviders>');
  return api;
}

export function useEditor(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('useEditor() outside <AppProviders>');
  return store;
}

/** Re-renders on every editor change, drag frames included; only the canvas needs that. */
export function useEditorState(): EditorState {
  const store = useEditor();
  return useSyncExternalStore(store.subscribe, store.getState);
}

/**
 * One slice of the editor state; the component re-renders only when that slice changes identity. The selector
 * must return a value held in the state (not a new object), so panels sit still while a node is dragged.
 */
export function useEditorSelector<T>(select: (state: EditorState) => T): T {
  const store = useEditor();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** The current graph analysis; re-renders when it changes (graph, dataset, loss), not on view-state changes. */
export function useAnalysis(): GraphAnalysis {
  const store = useEditor();
  useEditorSelector((s) => s.doc.graph);
  useEditorSelector((s) => s.datasetDescriptor);
  useEditorSelector((s) => s.doc.training.loss);
  return store.analysis;
}

export function useTrainingStore(): TrainingSessionStore {
  const store = useContext(TrainingContext);
  if (!store) throw new Error('useTrainingStore() outside <AppProviders>');
  return store;
}

export function useTrainingState(): TrainingSessionState {
  const store = useTrainingStore();
  return useSyncExternalStore(store.subscribe, store.getState);
}
