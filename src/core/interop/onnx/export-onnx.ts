import onnxProto from 'onnx-proto';
import { buildModel } from '../../engine/build-model';
import type { ExportPlan } from '../export-plan';
import { exportReadme, type FormatExporter } from '../format-exporter';
import { generatedHeaderLines } from '../generated-header';
import { LAYERLAB_VERSION } from '../layerlab-version';
import { checkBuildable } from '../limits';
import type { NamedWeights } from '../weights/named-weights';
import { weightsFromModel } from '../weights/tfjs-model-weights';
import { OnnxGraphBuilder, type OnnxValue } from './onnx-graph';
import { ONNX_LAYERS } from './onnx-layers';

const { onnx } = onnxProto;

/** Opset 13 (ONNX 1.8): every operator used here has its current form there, and every runtime of the last years reads it. */
export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13. */
const IR_VERSION = 7;
/** Names of the graph's input and output tensors, what a runtime's `run({ input })` is called with. */
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';

export const ONNX_EXPORTER: FormatExporter = {
  files: async ({ plan, project, weights }) => {
    checkBuildable(plan, 'ONNX');
    // Without a trained run the graph carries LayerLab's seeded initial weights, so it is complete and runnable.
    const values = weights ?? initialWeights(project.graph, project.training.seed);
    return [
      { name: 'model.onnx', contents: encodeOnnxModel(plan, values) },
      exportReadme(plan.projectName, `"${plan.projectName}" as ONNX`, [
        `- \`model.onnx\`: the inference graph (opset ${ONNX_OPSET}) with ${weights ? 'the trained' : 'freshly initialized'} weights.`,
        `  Input \`${ONNX_INPUT}\`: a batch of samples shaped [batch, ${plan.input.outputShape.join(', ')}], channels-last as in LayerLab;`,
        `  output \`${ONNX_OUTPUT}\`: [batch, ${plan.output.outputShape.join(', ')}]. Dropout and noise layers pass values through.`,
        '',
        '```python',
        'import numpy as np, onnxruntime as ort',
        "session = ort.InferenceSession('model.onnx')",
        `prediction = session.run(None, {'${ONNX_INPUT}': x.astype(np.float32)})[0]`,
        '```',
      ]),
    ];
  },
};

/** The ONNX model's bytes (ModelProto), with the weights as initializers. */
export function encodeOnnxModel(plan: ExportPlan, weights: NamedWeights): Uint8Array {
  const graph = new OnnxGraphBuilder();
  graph.reserve(ONNX_INPUT);
  graph.reserve(ONNX_OUTPUT);
  const values = new Map<string, OnnxValue>();
  values.set(plan.input.id, { name: ONNX_INPUT, rank: plan.input.outputShape.length, layout: 'nhwc' });
  for (const layer of plan.layers) {
    if (layer.kind === 'Input') continue;
    const inputs = layer.inputs.map((id) => values.get(id)!);
    values.set(
      layer.id,
      ONNX_LAYERS[layer.kind]({ graph, layer, inputs, weights: weights.get(layer.name) ?? new Map() }),
    );
  }
  const last = graph.inLayout(values.get(plan.output.id)!, 'nhwc');
  graph.nodes.push(
    onnx.NodeProto.create({ name: ONNX_OUTPUT, opType: 'Identity', input: [last.name], output: [ONNX_OUTPUT] }),
  );

  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'LayerLab',
    producerVersion: LAYERLAB_VERSION,
    docString: generatedHeaderLines(plan.projectName).join(' '),
    metadataProps: [
      { key: 'layerlab.project', value: plan.projectName },
      { key: 'layerlab.parameters', value: String(plan.totalParams) },
    ],
    graph: {
      name: 'layerlab',
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(ONNX_INPUT, plan.input.outputShape)],
      output: [valueInfo(ONNX_OUTPUT, plan.output.outputShape)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

function valueInfo(name: string, shape: number[]) {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, ...shape.map((dimValue) => ({ dimValue }))] },
      },
    },
  };
}

/** The weights LayerLab would start training from (same seed → same values). */
function initialWeights(graph: Parameters<typeof buildModel>[0], seed: number): NamedWeights {
  const model = buildModel(graph, { seed });
  try {
    return weightsFromModel(model);
  } finally {
    model.dispose();
  }
}
