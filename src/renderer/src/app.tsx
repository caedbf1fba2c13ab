import { useTheme } from './app-context';
import { Canvas } from './canvas/canvas';
import { useCommandBindings } from './commands/use-command-bindings';
import { ExerciseBar } from './exercises/exercise-panel';
import { Palette } from './palette/palette';
import { RecoveryBanner } from './project/recovery-banner';
import { useUnsavedChanges } from './project/use-unsaved-changes';
import { TrainingPanel } from './training/training-panel';
import { Dialogs } from './ui/dialogs';
import { SidePanelFrame } from './ui/panel-frame';
import { SidePanel } from './ui/side-panel';
import { StatusLine } from './ui/status-line';
import { Toolbar } from './ui/toolbar';

/**
 * The designer, composed: toolbar, palette, canvas, inspector/summary, training dock, status line and dialogs. The
 * palette, the side panel and the dock are resizable and collapsible (ui/panel-store.ts). What the buttons, keys and
 * menu do is in commands/; the state is in the stores AppProviders injects.
 */
export function App() {
  useCommandBindings();
  useUnsavedChanges();
  const theme = useTheme();
  return (
    <div className="app">
      <Toolbar />
      <RecoveryBanner />
      <div className="workspace">
        <SidePanelFrame id="palette" side="left">
          <Palette />
        </SidePanelFrame>
        <main className="center-pane">
          <ExerciseBar />
          <div className="canvas-frame">
            <Canvas theme={theme} />
          </div>
        </main>
        <SidePanelFrame id="side" side="right">
          <SidePanel />
        </SidePanelFrame>
      </div>
      <TrainingPanel theme={theme} />
      <StatusLine />
      <Dialogs />
    </div>
  );
}
