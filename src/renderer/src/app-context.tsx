import { createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { ReactFlowProvider, useReactFlow, useStoreApi } from '@xyflow/react';
import type { CommandId } from '../../shared/commands/commands';
import type { LayerLabApi } from '../../shared/ipc/api';
import { createCanvasViewport, type CanvasCamera } from './canvas/canvas-viewport';
import type { Viewport } from './commands/command-context';
import { CommandRunner } from './commands/command-runner';
import { ExerciseSession, type ExerciseSessionState } from './exercises/exercise-session';
import { ProjectController } from './project/project-controller';
import type { EditorState, EditorStore } from './store/editor-store';
import type { GraphAnalysis } from './store/analysis';
import { browserClipboard } from './store/system-clipboard';
import { runsChanged, type TrainingSessionStore, type TrainingSessionState } from './training/training-session';
import { DialogStore, type Dialog } from './ui/dialog-store';
import { PanelStore, safeLocalStorage, type PanelId, type PanelState, type PanelsState } from './ui/panel-store';
import { ThemeStore, type Theme } from './ui/theme-store';

const ApiContext = createContext<LayerLabApi | null>(null);
const EditorContext = createContext<EditorStore | null>(null);
const TrainingContext = createContext<TrainingSessionStore | null>(null);

/** What the UI builds on top of the three stores: dialogs, theme, projects, and the command runner using them all. */
interface UiServices {
  dialogs: DialogStore;
  theme: ThemeStore;
  projects: ProjectController;
  commands: CommandRunner;
  viewport: Viewport & CanvasCamera;
  panels: PanelStore;
  exercises: ExerciseSession;
}
const ServicesContext = createContext<UiServices | null>(null);

/**
 * Everything the UI talks to, injected: the app passes the real host API, component tests pass a fake. The UI
 * services (dialogs, theme, project controller, commands) are composed here, once, from those.
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
        <TrainingContext.Provider value={props.training}>
          <ReactFlowProvider>
            <ServicesProvider>{props.children}</ServicesProvider>
          </ReactFlowProvider>
        </TrainingContext.Provider>
      </EditorContext.Provider>
    </ApiContext.Provider>
  );
}

function ServicesProvider(props: { children: ReactNode }) {
  const api = useApi();
  const editor = useEditor();
  const training = useTrainingStore();
  // React Flow hands out a new instance object once the canvas is ready; commands always use the latest.
  const flow = useReactFlow();
  const flowRef = useRef(flow);
  flowRef.current = flow;
  const flowStore = useStoreApi();
  const flowStoreRef = useRef(flowStore);
  flowStoreRef.current = flowStore;
  const services = useMemo<UiServices>(() => {
    const dialogs = new DialogStore();
    const theme = new ThemeStore();
    const panels = new PanelStore();
    const exercises = new ExerciseSession(api, editor, safeLocalStorage(), Date.now, training);
    const projects = new ProjectController(
      api,
      editor,
      dialogs.confirm,
      training,
      (problem) => dialogs.open({ type: 'message', ...problem }),
      exercises,
    );
    const viewport = createCanvasViewport(
      () => flowRef.current,
      () => flowStoreRef.current,
    );
    // Read once: whether the page may use the system clipboard does not change while it runs.
    const clipboard = browserClipboard();
    const commands = new CommandRunner({
      api,
      editor,
      training,
      projects,
      dialogs,
      theme,
      viewport,
      clipboard,
      panels,
      exercises,
    });
    return { dialogs, theme, projects, commands, viewport, panels, exercises };
  }, [api, editor, training]);
  useEffect(() => services.theme.start(), [services]);
  useEffect(() => services.exercises.start(), [services]);
  return <ServicesContext.Provider value={services}>{props.children}</ServicesContext.Provider>;
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

/** The project differs from its file: its graph and settings, or its runs. Re-renders only when that flips. */
export function useProjectDirty(): boolean {
  const training = useTrainingStore();
  const runs = useSyncExternalStore(training.subscribe, () => runsChanged(training.getState()));
  const doc = useEditorSelector((s) => s.doc !== s.savedDoc);
  return doc || runs;
}

function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('UI services used outside <AppProviders>');
  return services;
}

export function useCommands(): CommandRunner {
  return useServices().commands;
}

/** Whether a command applies now; re-renders when that changes. */
export function useCommandEnabled(id: CommandId): boolean {
  const commands = useCommands();
  return useSyncExternalStore(commands.subscribe, () => commands.isEnabled(id));
}

/** The canvas camera: fit, zoom, reveal a card; the canvas reports resizes and the user's own moves to it. */
export function useViewport(): Viewport & CanvasCamera {
  return useServices().viewport;
}

export function usePanels(): PanelStore {
  return useServices().panels;
}

/** One panel's size and collapsed state; re-renders when it changes. */
export function usePanel(id: PanelId): PanelState {
  const panels = usePanels();
  return useSyncExternalStore(panels.subscribe, () => panels.getState()[id]);
}

/** Every panel's state, for the layout. */
export function usePanelsState(): PanelsState {
  const panels = usePanels();
  return useSyncExternalStore(panels.subscribe, panels.getState);
}

export function useProjects(): ProjectController {
  return useServices().projects;
}

export function useDialogs(): DialogStore {
  return useServices().dialogs;
}

/** The open dialog, if any. */
export function useDialog(): Dialog | null {
  const dialogs = useDialogs();
  return useSyncExternalStore(dialogs.subscribe, dialogs.getState);
}

export function useTheme(): Theme {
  const theme = useServices().theme;
  return useSyncExternalStore(theme.subscribe, theme.getState);
}

export function useExercises(): ExerciseSession {
  return useServices().exercises;
}

/** The open exercise, its last check and the stored progress; re-renders when they change. */
export function useExerciseState(): ExerciseSessionState {
  const exercises = useExercises();
  return useSyncExternalStore(exercises.subscribe, exercises.getState);
}
