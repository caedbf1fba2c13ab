import { PROJECT_FORMAT, PROJECT_VERSION } from '../project-file';
import { getTemplate } from '../../templates';

/**
 * A project file as a newer LayerLab (or another tool) might write it: fields this version does not know at the top,
 * in the graph, a node, its position, an edge, the training settings, the data set and a saved run (and inside it).
 * Tests open it, edit it and save it, and expect every one of these back.
 */
export function projectWithUnknownFields(): Record<string, unknown> {
  const xor = getTemplate('xor-mlp')!;
  const [first, ...nodes] = xor.graph.nodes;
  const [edge, ...edges] = xor.graph.edges;
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    notes: { teacher: 'week 3', rubric: [1, 2, 3] },
    graph: {
      ...xor.graph,
      theme: 'dark',
      nodes: [{ ...first, color: '#ff0000', position: { ...first.position, z: 4 } }, ...nodes],
      edges: [{ ...edge, style: 'dashed' }, ...edges],
    },
    training: { ...xor.training, warmupEpochs: 2 },
    dataset: { ...xor.dataset, license: 'CC-BY-4.0' },
    task: xor.task,
    runs: [
      {
        number: 1,
        name: 'XOR',
        startedAt: '2025-01-01T10:00:00.000Z',
        status: 'done',
        request: {
          graph: xor.graph,
          training: { ...xor.training, futureFlag: true },
          dataset: xor.dataset,
          task: xor.task,
        },
        backend: 'cpu',
        params: 9,
        trainSize: 360,
        valSize: 40,
        classNames: ['same sign', 'opposite sign'],
        history: [{ epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.69, valAccuracy: 0.55, learningRate: 0.1 }],
        confusionMatrix: [
          [10, 10],
          [8, 12],
        ],
        perClass: [
          { precision: 0.5, recall: 0.5, f1: 0.5 },
          { precision: 0.5, recall: 0.6, f1: 0.55 },
        ],
        seconds: 1.5,
        tags: ['baseline'],
      },
    ],
  };
}

/** Where projectWithUnknownFields puts fields this version does not know, as describeUnknownField names them. */
export function unknownFieldNames(): string[] {
  const xor = getTemplate('xor-mlp')!;
  const node = JSON.stringify(xor.graph.nodes[0].id);
  const edge = JSON.stringify(xor.graph.edges[0].id);
  return [
    'notes',
    'graph.theme',
    `graph.nodes[id ${node}].color`,
    `graph.nodes[id ${node}].position.z`,
    `graph.edges[id ${edge}].style`,
    'training.warmupEpochs',
    'dataset.license',
    'runs[0].request.training.futureFlag',
    'runs[0].history[0].learningRate',
    'runs[0].tags',
  ];
}
