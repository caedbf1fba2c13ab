import { describe, expect, it } from 'vitest';
import { chain, node } from '../graph/testing/fixtures';
import { TEMPLATES } from '../templates';
import { firstConv2D, pixelDense, VIEW_RULES } from './view-availability';

/** Which rules hold for a template, by rule name. */
function rulesFor(id: string): string[] {
  const template = TEMPLATES.find((t) => t.id === id)!;
  return Object.entries(VIEW_RULES)
    .filter(([, rule]) => rule({ graph: template.graph, task: template.task }))
    .map(([name]) => name);
}

describe('which views a model offers', () => {
  it('offers filters and feature maps for the CNN, pixel weights for the logistic regression, a boundary for XOR', () => {
    expect(rulesFor('cnn')).toEqual(['tryIt', 'weights', 'featureMaps']);
    expect(rulesFor('logistic-regression')).toEqual(['tryIt', 'weights']);
    expect(rulesFor('xor-mlp')).toEqual(['boundary', 'tryIt']);
    expect(rulesFor('autoencoder')).toContain('reconstruction');
    expect(rulesFor('autoencoder')).not.toContain('boundary');
  });

  it('offers no filter view for a model without a Conv2D', () => {
    const cnn = TEMPLATES.find((t) => t.id === 'cnn')!;
    expect(firstConv2D(cnn.graph)?.kind).toBe('Conv2D');
    const mlp = TEMPLATES.find((t) => t.id === 'feed-forward')!;
    expect(firstConv2D(mlp.graph)).toBeNull();
    expect(pixelDense(mlp.graph)?.kind).toBe('Dense');
    // A Dense behind a hidden layer does not see pixels.
    const deep = chain(
      node('in', 'Input', { shape: [2] }),
      node('d1', 'Dense', { units: 4 }),
      node('d2', 'Dense', { units: 2 }),
    );
    expect(pixelDense(deep)).toBeNull();
    expect(VIEW_RULES.weights({ graph: deep, task: 'classification' })).toBe(false);
  });
});
