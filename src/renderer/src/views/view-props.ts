import type { DatasetRef } from '../../../shared/training/dataset';
import type { RunRecord } from '../training/training-session';
import type { ViewSubject } from '../../../shared/views/view-availability';

/** What every section of the training dock gets (the views inside the network and the run's own sections). */
export interface RunViewProps {
  /** The run shown in the dock (picked in Runs); null before the first run. */
  run: RunRecord | null;
  /** Every run of the project, oldest first (for the comparison). */
  runs: readonly RunRecord[];
  /** What is looked at: the run's graph and task, or the project's before any run. */
  subject: ViewSubject & { dataset: DatasetRef };
  theme: string;
  /** Opens the samples of a confusion-matrix cell of `epoch`. */
  showCell(cell: { epoch: number; trueClass: number; predictedClass: number }): void;
}
