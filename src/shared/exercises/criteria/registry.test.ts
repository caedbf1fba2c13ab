import { describe, expect, it } from 'vitest';
import { CRITERIA, defaultCriterionParams, getCriterionDefinition, zCriterionParams } from './registry';

describe('criteria registry', () => {
  it('has one definition per kind, each with a label and what it measures', () => {
    const kinds = CRITERIA.map((definition) => definition.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const definition of CRITERIA) {
      expect(definition.kind).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(definition.label.length).toBeGreaterThan(5);
      expect(definition.measures.length).toBeGreaterThan(20);
      expect(getCriterionDefinition(definition.kind)).toBe(definition);
    }
  });

  it("gives every new criterion valid defaults within each parameter's range", () => {
    for (const definition of CRITERIA) {
      const params = defaultCriterionParams(definition);
      expect(zCriterionParams(definition).safeParse(params).success, definition.kind).toBe(true);
      expect(definition.describe(params).length, definition.kind).toBeGreaterThan(5);
      for (const spec of definition.params) {
        if (spec.type === 'fraction' || spec.type === 'number' || spec.type === 'integer') {
          expect(spec.default).toBeGreaterThanOrEqual(spec.min);
          expect(spec.default).toBeLessThanOrEqual(spec.max);
        }
      }
    }
  });

  it('derives the stored parameters from the specs: ranges, integers, kinds and unknown keys', () => {
    const accuracy = zCriterionParams(getCriterionDefinition('val-accuracy-min')!);
    expect(accuracy.safeParse({ min: 1.2 }).success).toBe(false);
    expect(accuracy.safeParse({ min: 0.9, max: 1 }).success).toBe(false);
    const budget = zCriterionParams(getCriterionDefinition('params-max')!);
    expect(budget.safeParse({ max: 10.5 }).success).toBe(false);
    const contains = zCriterionParams(getCriterionDefinition('contains-kind')!);
    expect(contains.safeParse({ kind: 'Transformer', atLeast: 1 }).success).toBe(false);
    const recall = zCriterionParams(getCriterionDefinition('class-recall-min')!);
    expect(recall.safeParse({ min: 0.5 }).success).toBe(true);
    expect(recall.safeParse({ min: 0.5, className: '' }).success).toBe(false);
  });
});

describe('criteria documentation', () => {
  it('has a row in the README for every criterion kind, and none for a kind that does not exist', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([a-z-]+)`/gm)].map((match) => match[1]);
    expect(documented).toEqual(CRITERIA.map((definition) => definition.kind));
  });
});
