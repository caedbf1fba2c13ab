#!/usr/bin/env node
// `npm run web`: browser mode. Runs the TypeScript sources through tsx, so no separate build of the server is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/web/main.ts');
