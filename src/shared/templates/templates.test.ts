import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph/analyze-graph';
import { zModelGraph } from '../graph/model-graph';
import { zDatasetRef } from '../training/dataset';
import { zTrainConfig } from '../training/train-config';
import { getTemplate, TEMPLATES } from './index';

/** Shapes of the built-in data sets the templates use. */
const DATA: Record<string, { inputShape: number[]; classes: number }> = {
  fonts: { inputShape: [36, 36, 1], classes: 5 },
  xor: { inputShape: [2], classes: 2 },
};

describe('templates', () => {
  it('include the ids the CLI contract names', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual([
      'logistic-regression',
      'feed-forward',
      'cnn',
      'wide-cnn',
      'maxout-mlp',
      'autoencoder',
      'denoising-autoencoder',
      'pretrained-classifier',
      'xor-mlp',
    ]);
    expect(getTemplate('cnn')?.name).toBe('Convolutional network');
    expect(getTemplate('nope')).toBeUndefined();
  });

  for (const template of TEMPLATES) {
    it(`${template.id}: valid schemas, no problems on its dataset, laid out top to bottom`, () => {
      zModelGraph.parse(template.graph);
      zTrainConfig.parse(template.training);
      const dataset = zDatasetRef.parse(template.dataset);
      const data = DATA[dataset.kind === 'builtin' ? dataset.id : ''];
      const analysis = analyzeGraph(template.graph, {
        inputShape: data.inputShape,
        numClasses: data.classes,
        task: template.task,
      });
      expect(analysis.problems).toEqual([]);
      const ys = template.graph.nodes.map((node) => node.position.y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
      expect(new Set(ys).size).toBe(ys.length);
      expect(template.training.batchSize).toBe(32);
      expect(template.training.validationSplit).toBe(0.1);
      if (template.task === 'autoencoder') expect(template.training.loss).toBe('meanSquaredError');
    });
  }

  it("pretrained-classifier is the autoencoder's encoder, same node ids and configs, under a 5-class output", () => {
    const autoencoder = getTemplate('autoencoder')!.graph;
    const classifier = getTemplate('pretrained-classifier')!.graph;
    const encoder = classifier.nodes.filter((node) => node.id !== classifier.outputId);
    expect(encoder.map((node) => node.id)).toEqual(['input-1', 'flatten-1', 'dense-1']);
    for (const node of encoder) expect(autoencoder.nodes).toContainEqual(node);
    const output = classifier.nodes.find((node) => node.id === classifier.outputId)!;
    expect(output).toMatchObject({ kind: 'Dense', config: { units: 5, activation: 'softmax' } });
  });
});
