import type { ModelGraph } from '../../shared/graph/model-graph';
import type { DatasetRef } from '../../shared/training/dataset';
import type { Task } from '../../shared/training/task';
import type { TrainConfig } from '../../shared/training/train-config';
import type { ExportFile } from './export-file';
import type { ExportPlan } from './export-plan';
import { generatedHeaderLines } from './generated-header';
import type { NamedWeights } from './weights/named-weights';

export interface ExportInput {
  plan: ExportPlan;
  project: { graph: ModelGraph; training: TrainConfig; dataset: DatasetRef; task: Task };
  /** Every layer's weights (a trained run's, already matched to the plan), or null for freshly initialized ones. */
  weights: NamedWeights | null;
  /** True when data.npz is written beside the files, so a README can say so. */
  withData: boolean;
}

/** How one export format's files are made (the formats are listed in src/shared/interop/export-formats.ts). */
export interface FormatExporter {
  files(input: ExportInput): Promise<ExportFile[]>;
}

/** The README every export folder gets, with the header naming the project and LayerLab's version. */
export function exportReadme(projectName: string, title: string, body: string[]): ExportFile {
  const header = generatedHeaderLines(projectName).join('\n');
  return { name: 'README.md', contents: `<!--\n${header}\n-->\n\n# ${title}\n\n${body.join('\n')}\n` };
}
