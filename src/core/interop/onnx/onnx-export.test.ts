import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { planExport } from '../export-plan';
import { LAYERLAB_VERSION } from '../layerlab-version';
import { interopCases } from '../testing/interop-cases';
import { maxAbsDiff, prepareCase } from '../testing/prepared-case';
import { pythonPeer, runPython } from '../testing/python-peer';
import { encodeOnnxModel, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT } from './export-onnx';

/*
 * ONNX export checked by an independent runtime (onnxruntime-node: predictions equal tfjs's) and by the reference
 * checker (Python's onnx.checker with a full check).
 */
const TOLERANCE = 1e-4;
const cases = interopCases();
const work = mkdtempSync(path.join(tmpdir(), 'layerlab-onnx-'));
const files: string[] = [];
const measured: string[] = [];
afterAll(() => {
  if (measured.length > 0) console.info(`ONNX Runtime vs LayerLab, max |difference|:\n${measured.join('\n')}`);
  rmSync(work, { recursive: true, force: true });
});

function exportCase(index: number) {
  const interopCase = cases[index];
  const prepared = prepareCase(interopCase, 200 + index);
  const plan = planExport({ ...interopCase, projectName: interopCase.name });
  const bytes = encodeOnnxModel(plan, prepared.weights);
  const file = path.join(work, `${interopCase.name}.onnx`);
  writeFileSync(file, bytes);
  files.push(file);
  return { prepared, bytes };
}

describe('ONNX export', () => {
  it.each(cases.map((c, i) => [c.name, i] as const))(
    `%s: ONNX Runtime predicts what LayerLab predicts (within ${TOLERANCE})`,
    async (name, index) => {
      const { prepared, bytes } = exportCase(index);
      const session = await ort.InferenceSession.create(bytes);
      expect(session.inputNames).toEqual([ONNX_INPUT]);
      expect(session.outputNames).toEqual([ONNX_OUTPUT]);
      const input = new ort.Tensor('float32', prepared.inputs.values, prepared.inputs.shape);
      const output = (await session.run({ [ONNX_INPUT]: input }))[ONNX_OUTPUT];
      expect([...output.dims]).toEqual(prepared.expected.shape);
      const diff = maxAbsDiff(output.data as Float32Array, prepared.expected.values);
      measured.push(`  ${name.padEnd(22)} ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(TOLERANCE);
    },
  );

  const onnxPeer = pythonPeer(['onnx']);
  it.skipIf(!onnxPeer.available)(
    'passes onnx.checker (full check) with opset ≥ 13 and names LayerLab as producer',
    async () => {
      expect(files).toHaveLength(cases.length);
      const run = await runPython([fileURLToPath(new URL('../testing/onnx_check.py', import.meta.url)), ...files]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const reports = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(reports).toHaveLength(cases.length);
      for (const report of reports) {
        expect(report.opset).toBe(ONNX_OPSET);
        expect(report.opset).toBeGreaterThanOrEqual(13);
        expect(report.producer).toBe(`LayerLab ${LAYERLAB_VERSION}`);
      }
    },
  );
});
