import { useId } from 'react';
import { startFromLabel, type StartFrom } from '../../../shared/training/start-from';
import { useTrainingState, useTrainingStore } from '../app-context';
import { startFromChoices } from './training-session';

const HELP =
  'The weights the next run starts from: new random ones, those an earlier run trained, or those the model was ' +
  'imported with. Layers are reused where the layer name and every weight’s shape match; the others start fresh, ' +
  'and the run lists which.';

/** "Start from": new random weights, an earlier run of the project with weights, or the imported model's. */
export function StartFromField() {
  const training = useTrainingStore();
  const session = useTrainingState();
  const id = useId();
  const choices = startFromChoices(session);
  const current = startFromLabel(session.startFrom);
  const byLabel = new Map<string, StartFrom | undefined>(choices.map((choice) => [choice.label, choice.value]));
  return (
    <div className="field wide" title={HELP}>
      <label htmlFor={id}>Start from</label>
      <select id={id} value={current} onChange={(e) => training.setStartFrom(byLabel.get(e.target.value))}>
        {!byLabel.has(current) && <option value={current}>{current} (no weights now)</option>}
        {choices.map((choice) => (
          <option key={choice.label} value={choice.label}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
