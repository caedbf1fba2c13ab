#!/usr/bin/env node
// `npm start`: the desktop app, or the browser mode where Electron can't run (see src/web/start.ts).
import { register } from 'tsx/esm/api';

register();
await import('../src/web/start.ts');
