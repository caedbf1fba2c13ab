import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { trainingRequest } from '../../shared/ipc/training-protocol';
import { useApi, useEditor, useEditorSelector, useTrainingState, useTrainingStore } from './app-context';
import { Canvas } from './canvas/canvas';
import { layoutGraph, preloadLayout } from './canvas/auto-layout';
import { Inspector } from './inspector/inspector';
import { listenToMenu } from './menu-bridge';
import { Palette } from './palette/palette';
import { ProjectController, type ConfirmFn } from './project/project-controller';
import { TemplateDialog } from './project/template-dialog';
import { commandForKey, type Command } from './shortcuts';
import type { ProjectDoc } from './store/editor-store';
import { browserClipboard, copyLayers, pasteLayers } from './store/system-clipboard';
import { ModelSummary } from './summary/model-summary';
import { activeRun } from './training/training-session';
import { TrainingPanel } from './training/training-panel';
import { LayerReference } from './ui/layer-reference';
import { Modal } from './ui/modal';
import { StatusLine } from './ui/status-line';
import { Toolbar } from './ui/toolbar';
import { useTheme } from './ui/use-theme';

type Dialog =
  | { type: 'templates' }
  | { type: 'reference' }
  | { type: 'about' }
  | { type: 'confirm'; title: string; message: string; confirmLabel: string; resolve: (ok: boolean) => void };

/** The designer: toolbar, palette, canvas, inspector/summary, training dock and status line. */
export function App() {
  const api = useApi();
  const editor = useEditor();
  const doc = useEditorSelector((s) => s.doc);
  const savedDoc = useEditorSelector((s) => s.savedDoc);
  const project = useEditorSelector((s) => s.project);
  const canUndo = useEditorSelector((s) => s.canUndo);
  const canRedo = useEditorSelector((s) => s.canRedo);
  const trainingStore = useTrainingStore();
  const session = useTrainingState();
  const flow = useReactFlow();
  const { theme, toggle: toggleTheme } = useTheme();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [recovery, setRecovery] = useState<ProjectDoc | null>(null);
  const [sideTab, setSideTab] = useState<'inspector' | 'summary'>('inspector');
  const selectedNodes = useEditorSelector((s) => s.selectedNodes);
  // Selecting a layer means "show me its settings".
  useEffect(() => {
    if (selectedNodes.size === 1) setSideTab('inspector');
  }, [selectedNodes]);

  const confirm: ConfirmFn = useCallback(
    (q) => new Promise<boolean>((resolve) => setDialog({ type: 'confirm', ...q, resolve })),
    [],
  );
  const projects = useMemo(() => new ProjectController(api, editor, confirm), [api, editor, confirm]);
  // Read once: whether the page may use the system clipboard does not change while it runs.
  const clipboard = useMemo(() => browserClipboard(), []);

  // Recovery offer first, then autosave: the slot still holds the old work until the user decides.
  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void projects.findRecovery().then((doc) => {
      if (!live) return;
      if (doc) setRecovery(doc);
      stop = projects.startAutosave();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [projects]);

  const dirty = doc !== savedDoc;
  const training = activeRun(session) !== null;
  useEffect(() => {
    api.app.setDirtyState({ unsavedChanges: dirty, training });
  }, [api, dirty, training]);
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${project.name} — LayerLab`;
  }, [dirty, project.name]);

  useEffect(() => {
    const timer = setTimeout(() => void preloadLayout().catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, []);

  const autoLayout = useCallback(async () => {
    if (editor.graph.nodes.length === 0) return;
    const positions = await layoutGraph(editor.graph, editor.getState().measured);
    editor.moveNodes(positions);
    // No animation: the graph is where it will stay as soon as the layout lands.
    window.requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1.2 }));
  }, [editor, flow]);

  const train = useCallback(() => {
    const s = editor.getState();
    const hasErrors = editor.analysis.problems.some((p) => p.severity === 'error');
    if (hasErrors || s.doc.graph.nodes.length === 0 || activeRun(trainingStore.getState())) return;
    void trainingStore.start(trainingRequest(s.doc), s.project.name);
  }, [editor, trainingStore]);

  const run = useCallback(
    (command: Command) => {
      switch (command) {
        case 'new':
          setDialog({ type: 'templates' });
          break;
        case 'open':
          void projects.open();
          break;
        case 'save':
          void projects.save(false);
          break;
        case 'saveAs':
          void projects.save(true);
          break;
        case 'exportModel':
          void api.training.exportModel().then(
            (r) => r.saved && editor.setStatus(r.where ? `Model exported to ${r.where}.` : 'Model exported.'),
            (e: unknown) => editor.setStatus(`Export failed: ${e instanceof Error ? e.message : String(e)}`, 'error'),
          );
          break;
        case 'undo':
          editor.undo();
          break;
        case 'redo':
          editor.redo();
          break;
        case 'cut':
          void copyLayers(editor, clipboard, { cut: true });
          break;
        case 'copy':
          void copyLayers(editor, clipboard).then((n) => n > 0 && editor.setStatus(`Copied ${n} layer(s).`));
          break;
        case 'paste':
          void pasteLayers(editor, clipboard);
          break;
        case 'delete':
          editor.deleteSelection();
          break;
        case 'duplicate':
          editor.duplicate();
          break;
        case 'selectAll':
          editor.selectAll();
          break;
        case 'fitView':
          void flow.fitView({ padding: 0.2, maxZoom: 1.2, duration: 200 });
          break;
        case 'zoomIn':
          void flow.zoomIn({ duration: 150 });
          break;
        case 'zoomOut':
          void flow.zoomOut({ duration: 150 });
          break;
        case 'toggleTheme':
          toggleTheme();
          break;
        case 'layerReference':
          setDialog({ type: 'reference' });
          break;
        case 'about':
          setDialog({ type: 'about' });
          break;
        case 'autoLayout':
          void autoLayout();
          break;
        case 'train':
          train();
          break;
      }
    },
    [api, editor, flow, projects, toggleTheme, autoLayout, train, clipboard],
  );

  const runRef = useRef(run);
  runRef.current = run;
  useEffect(
    () =>
      listenToMenu(api, {
        run: (command) => runRef.current(command),
        openRecent: (handle) => void projects.openRecent(handle),
        reportError: (message) => editor.setStatus(message, 'error'),
      }),
    [api, editor, projects],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog) return;
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      runRef.current(command);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog]);

  const closeDialog = () => setDialog(null);

  return (
    <div className="app">
      <Toolbar
        name={project.name}
        dirty={dirty}
        canUndo={canUndo}
        canRedo={canRedo}
        theme={theme}
        run={run}
        projects={projects}
      />
      {recovery && (
        <div className="banner" role="alert">
          <span>Unsaved work from your last session was found ({recovery.graph.nodes.length} layers).</span>
          <button
            type="button"
            className="primary"
            onClick={async () => {
              if (await projects.confirmDiscard('Recover the earlier work')) {
                projects.recover(recovery);
                setRecovery(null);
              }
            }}
          >
            Recover
          </button>
          <button
            type="button"
            onClick={() => {
              setRecovery(null);
              void projects.discardRecovery();
            }}
          >
            Discard
          </button>
        </div>
      )}
      <div className="workspace">
        <aside className="left-pane">
          <Palette />
        </aside>
        <main className="center-pane">
          <Canvas theme={theme} />
        </main>
        <aside className="right-pane">
          <div className="tabs" role="tablist" aria-label="Side panel">
            <button
              type="button"
              role="tab"
              aria-selected={sideTab === 'inspector'}
              onClick={() => setSideTab('inspector')}
            >
              Inspector
            </button>
            <button
              type="button"
              role="tab"
              aria-selected={sideTab === 'summary'}
              onClick={() => setSideTab('summary')}
            >
              Summary
            </button>
          </div>
          <div className="tab-panel" role="tabpanel">
            {sideTab === 'inspector' ? <Inspector /> : <ModelSummary />}
          </div>
        </aside>
      </div>
      <div className="dock">
        <TrainingPanel theme={theme} />
      </div>
      <StatusLine />
      {dialog?.type === 'templates' && (
        <TemplateDialog
          onClose={closeDialog}
          onPick={(id) => {
            closeDialog();
            void projects.newProject(id);
          }}
        />
      )}
      {dialog?.type === 'reference' && <LayerReference onClose={closeDialog} />}
      {dialog?.type === 'about' && (
        <Modal
          title="About LayerLab"
          onClose={closeDialog}
          footer={
            <button type="button" onClick={closeDialog}>
              Close
            </button>
          }
        >
          <p>LayerLab: design neural networks as node graphs, train them on your own machine, and watch them learn.</p>
          <p className="muted">Runs on {api.platform === 'electron' ? 'the desktop app' : 'browser mode'}.</p>
        </Modal>
      )}
      {dialog?.type === 'confirm' && (
        <Modal
          title={dialog.title}
          onClose={() => {
            dialog.resolve(false);
            closeDialog();
          }}
          footer={
            <>
              <button
                type="button"
                data-autofocus
                onClick={() => {
                  dialog.resolve(false);
                  closeDialog();
                }}
              >
                Cancel
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  dialog.resolve(true);
                  closeDialog();
                }}
              >
                {dialog.confirmLabel}
              </button>
            </>
          }
        >
          <p>{dialog.message}</p>
        </Modal>
      )}
    </div>
  );
}
