import * as tf from '@tensorflow/tfjs';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject } from '../../../shared/graph/project-file';
import { buildModel } from '../../engine/build-model';
import { PROJECT_FILE } from '../../engine/export-model';
import { MODEL_JSON, WEIGHTS_BIN } from '../../engine/file-io-handler';
import { exportReadme, type FormatExporter } from '../format-exporter';
import { generatedHeaderLines } from '../generated-header';
import { LAYERLAB_VERSION } from '../layerlab-version';
import { checkBuildable } from '../limits';
import { applyWeights } from '../weights/tfjs-model-weights';

/**
 * TensorFlow.js layers format, as `layerlab train --out` writes it: model.json + weights.bin (loadable by
 * `tf.loadLayersModel` once LayerLab's Maxout layer is registered) and the project file.
 */
export const TFJS_EXPORTER: FormatExporter = {
  files: async ({ plan, project, weights }) => {
    checkBuildable(plan, 'TensorFlow.js');
    const model = buildModel(project.graph, { seed: project.training.seed });
    try {
      if (weights) applyWeights(model, weights);
      model.setUserDefinedMetadata({
        layerlab: {
          version: LAYERLAB_VERSION,
          project: plan.projectName,
          note: generatedHeaderLines(plan.projectName)[0],
        },
      });
      const [modelJson, weightsBin] = await saveToMemory(model);
      return [
        { name: MODEL_JSON, contents: modelJson },
        { name: WEIGHTS_BIN, contents: weightsBin },
        {
          name: PROJECT_FILE,
          contents: serializeProject({ format: PROJECT_FORMAT, version: PROJECT_VERSION, ...project }),
        },
        exportReadme(plan.projectName, `"${plan.projectName}" as a TensorFlow.js model`, [
          `- \`${MODEL_JSON}\` + \`${WEIGHTS_BIN}\`: TensorFlow.js layers format (${weights ? 'trained' : 'freshly initialized'} weights).`,
          `- \`${PROJECT_FILE}\`: the LayerLab project (\`layerlab import ${MODEL_JSON}\` also reads the model back).`,
          '',
          "Load it with `tf.loadLayersModel`; models with a Maxout layer need LayerLab's Maxout class registered first.",
        ]),
      ];
    } finally {
      model.dispose();
    }
  },
};

async function saveToMemory(model: tf.LayersModel): Promise<[string, Uint8Array]> {
  let files: [string, Uint8Array] | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData ?? new ArrayBuffer(0);
      const weightData = tf.io.concatenateArrayBuffers(Array.isArray(data) ? data : [data]);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.userDefinedMetadata ? { userDefinedMetadata: artifacts.userDefinedMetadata } : {}),
      };
      files = [JSON.stringify(modelJson), new Uint8Array(weightData)];
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return files!;
}
