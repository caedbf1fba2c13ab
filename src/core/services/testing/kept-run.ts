import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Template } from '../../../shared/templates/template';
import { XOR_MLP } from '../../../shared/templates/xor-mlp';
import { HISTORY_CSV } from '../../engine/export-model';
import { exportProject } from '../../interop/export-project';

/** A history.csv as a finished run leaves it (its contents only need to travel with the export). */
export const TEST_HISTORY = 'epoch,loss,accuracy\n1,0.69,0.5\n';

/**
 * A folder as the training host keeps a finished run (model.json + weights.bin + project.layerlab.json +
 * history.csv), written by the real TensorFlow.js export of a template with its initial weights: what the run-export
 * handlers read, without training a model in every test.
 */
export async function writeKeptRun(dir: string, template: Template = XOR_MLP): Promise<void> {
  await exportProject({
    format: 'tfjs',
    graph: template.graph,
    training: template.training,
    dataset: template.dataset,
    task: template.task,
    projectName: template.id,
    outDir: dir,
  });
  await writeFile(join(dir, HISTORY_CSV), TEST_HISTORY);
}
