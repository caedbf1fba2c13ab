import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/canvas.css';
import './styles/panels.css';
import './styles/views.css';
import { AppProviders } from './app-context';
import { App } from './app';
import { getHostApi } from './host';
import { EditorStore } from './store/editor-store';
import { TrainingSessionStore } from './training/training-session';
import { initialTheme } from './ui/theme-store';

// Before the first render, so the first frame already has the right palette (the CSS has one dark palette only).
document.documentElement.dataset.theme = initialTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

try {
  const api = getHostApi();
  const editor = new EditorStore();
  const training = new TrainingSessionStore(api);
  createRoot(root).render(
    <StrictMode>
      <AppProviders api={api} editor={editor} training={training}>
        <App />
      </AppProviders>
    </StrictMode>,
  );
} catch (error) {
  // Without a host there is nothing to train with or save to; say so instead of a blank window.
  root.textContent = `LayerLab could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.className = 'fatal';
}
