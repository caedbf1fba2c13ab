import type { GraphNode, ModelGraph } from '../graph/model-graph';
import { AUTOENCODER } from './autoencoder';
import { COURSE_TRAINING, FONTS, type Template } from './template';

/** The autoencoder's code layer: the narrowest Dense, whose 64 outputs describe an image. */
export const AUTOENCODER_CODE_ID = 'dense-1';

/**
 * The autoencoder's encoder (its Input, Flatten and code layer, same ids and so the same layer names) with a 5-class
 * softmax on top: started from a trained autoencoder's weights, it reuses the encoder layer by layer.
 */
function encoderWithClassifier(autoencoder: ModelGraph): ModelGraph {
  const encoder: GraphNode[] = [];
  for (const node of autoencoder.nodes) {
    encoder.push(node);
    if (node.id === AUTOENCODER_CODE_ID) break;
  }
  const code = encoder[encoder.length - 1];
  const head: GraphNode = {
    id: 'classifier',
    kind: 'Dense',
    config: { units: 5, activation: 'softmax' },
    position: { x: code.position.x, y: code.position.y + 110 },
  };
  const kept = new Set(encoder.map((node) => node.id));
  return {
    version: autoencoder.version,
    nodes: [...encoder, head],
    edges: [
      ...autoencoder.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)),
      { id: `e-${code.id}-classifier`, source: code.id, target: 'classifier' },
    ],
    outputId: 'classifier',
  };
}

export const PRETRAINED_CLASSIFIER: Template = {
  id: 'pretrained-classifier',
  name: 'Pre-trained classifier',
  description:
    "The autoencoder's encoder with a 5-class output: train autoencoder, then start this from it (--init-from) and fine-tune.",
  graph: encoderWithClassifier(AUTOENCODER.graph),
  training: { ...COURSE_TRAINING, epochs: 5 },
  dataset: FONTS,
  task: 'classification',
};
