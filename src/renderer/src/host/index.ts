import type { LayerLabApi } from '../../../shared/ipc/api';
import { browserFiles, localStorageRecent } from './browser-files';
import { createWebHostApi } from './web-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    layerlab?: LayerLabApi;
  }
}

let webApi: LayerLabApi | null = null;

/**
 * The host the renderer talks to: the preload's `window.layerlab` in Electron, otherwise the browser-mode
 * WebSocket client, authenticated with the `token` from the page URL (the one `npm run web` printed).
 */
export function getHostApi(): LayerLabApi {
  if (window.layerlab) return window.layerlab;
  if (!webApi) {
    const token = new URLSearchParams(window.location.search).get('token') ?? '';
    let dirty = false;
    // Closing the tab with unsaved work or a run in progress asks first, like the desktop app.
    window.addEventListener('beforeunload', (event) => {
      if (dirty) event.preventDefault();
    });
    webApi = createWebHostApi({
      origin: window.location.origin,
      token,
      openSocket: (url) => new WebSocket(url),
      files: browserFiles,
      recent: localStorageRecent(),
      onDirtyState: (state) => {
        dirty = state.unsavedChanges || state.training;
      },
    });
  }
  return webApi;
}
