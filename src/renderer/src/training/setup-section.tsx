import { memo } from 'react';
import { useEditorSelector, useTrainingState } from '../app-context';
import { DatasetPicker } from './dataset-picker';
import { Hyperparameters } from './hyperparameters';
import { activeRun } from './training-session';

/** What to train on and how: the data set with its samples, then the hyperparameters. Locked while a run goes. */
export const SetupSection = memo(function SetupSection() {
  const doc = useEditorSelector((s) => s.doc);
  const busy = activeRun(useTrainingState()) !== null;
  return (
    <div className="setup">
      <DatasetPicker dataset={doc.dataset} maxMemoryMB={doc.training.maxMemoryMB} disabled={busy} />
      <Hyperparameters training={doc.training} task={doc.task} disabled={busy} />
    </div>
  );
});
