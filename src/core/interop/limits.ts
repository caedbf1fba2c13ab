import { InteropError } from './interop-error';
import type { ExportPlan } from './export-plan';

/**
 * Models bigger than this are not built in memory by an export (TF.js, ONNX) nor imported: a student's model is far
 * smaller, and a hostile file must not make LayerLab allocate gigabytes. Code exports (PyTorch, Keras) have no limit.
 */
export const MAX_MODEL_PARAMS = 64 * 1024 * 1024;

export function checkBuildable(plan: ExportPlan, format: string): void {
  if (plan.totalParams > MAX_MODEL_PARAMS) {
    throw new InteropError(
      `The project "${plan.projectName}" has ${plan.totalParams.toLocaleString('en-US')} parameters; a ${format} ` +
        `export holds them all in memory, which LayerLab allows up to ${MAX_MODEL_PARAMS.toLocaleString('en-US')}`,
    );
  }
}
