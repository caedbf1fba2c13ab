import { contextBridge, ipcRenderer } from 'electron';
import { exposeLayerLabApi } from './create-api';

// Sandboxed preload: the page sees only LayerLabApi's named actions, never ipcRenderer.
exposeLayerLabApi(contextBridge, ipcRenderer);
