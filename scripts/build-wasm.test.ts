import { describe, expect, it } from 'vitest';
import { KERNELS_WASM_BASE64 } from '../src/core/engine/kernels/wasm/kernels-binary';
import { binaryModuleSource, compileKernels } from './build-wasm';
import { readFileSync } from 'node:fs';

describe('the committed WebAssembly kernels', () => {
  it('are exactly what the AssemblyScript sources compile to (run `npm run build:wasm` after editing them)', async () => {
    const built = await compileKernels();
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').equals(Buffer.from(built))).toBe(true);
    const committed = readFileSync(
      new URL('../src/core/engine/kernels/wasm/kernels-binary.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(binaryModuleSource(built));
  });
});
