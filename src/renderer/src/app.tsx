import { useTheme } from './app-context';
import { Canvas } from './canvas/canvas';
import { useCommandBindings } from './commands/use-command-bindings';
import { Palette } from './palette/palette';
import { RecoveryBanner } from './project/recovery-banner';
import { useUnsavedChanges } from './project/use-unsaved-changes';
import { TrainingPanel } from './training/training-panel';
import { Dialogs } from './ui/dialogs';
import { SidePanel } from './ui/side-panel';
import { StatusLine } from './ui/status-line';
import { Toolbar } from './ui/toolbar';

/**
 * The designer, composed: toolbar, palette, canvas, inspector/summary, training dock, status line and dialogs.
 * What the buttons, keys and menu do is in commands/; the state is in the stores AppProviders injects.
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
        <aside className="left-pane">
          <Palette />
        </aside>
        <main className="center-pane">
          <Canvas theme={theme} />
        </main>
        <aside className="right-pane">
          <SidePanel />
        </aside>
      </div>
      <div className="dock">
        <TrainingPanel theme={theme} />
      </div>
      <StatusLine />
      <Dialogs />
    </div>
  );
}
