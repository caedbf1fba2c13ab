import { describe, expect, it } from 'vitest';
import { formatTemplateBench, type TemplateBenchReport } from './template-bench';

describe('formatTemplateBench', () => {
  it('shows the cpu figure of a template whose stock run was skipped, with its ratios as —', () => {
    const report: TemplateBenchReport = {
      results: [
        {
          template: 'feed-forward',
          backend: 'cpu-stock',
          batchSize: 32,
          samplesPerSecond: 58,
          samplesPerCpuSecond: 60,
        },
        { template: 'feed-forward', backend: 'cpu', batchSize: 32, samplesPerSecond: 3060, samplesPerCpuSecond: 1800 },
        { template: 'wide-cnn', backend: 'cpu', batchSize: 32, samplesPerSecond: 140, samplesPerCpuSecond: 300 },
      ],
      ratios: [{ template: 'feed-forward', cpuOverStock: 52.76, cpuOverStockCpuTime: 30, nodeOverCpu: null }],
      backends: ['cpu-stock', 'cpu'],
      unavailable: ['wide-cnn on cpu-stock: skipped, one batch took 212 s (budget 5 s)'],
      batches: 10,
      repetitions: 3,
      loadAverage: 1,
    };
    const lines = formatTemplateBench(report).split('\n');
    expect(lines.find((l) => l.startsWith('feed-forward'))!.split(/\s+/)).toEqual([
      'feed-forward',
      '58',
      '3060',
      '—',
      '52.8×',
      '30.0×',
    ]);
    expect(lines.find((l) => l.startsWith('wide-cnn'))!.split(/\s+/)).toEqual(['wide-cnn', '—', '140', '—', '—', '—']);
    expect(lines).toContain('not measured — wide-cnn on cpu-stock: skipped, one batch took 212 s (budget 5 s)');
  });
});
