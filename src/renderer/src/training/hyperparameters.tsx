import { memo, useEffect, useId, useState } from 'react';
import { trainSettingProblem, type NumericTrainSetting, type TrainConfig } from '../../../shared/training/train-config';
import { LOSS_CATALOGUE, LOSSES } from '../../../shared/training/losses';
import { DEFAULT_MAX_MEMORY_MB } from '../../../shared/training/memory-limit';
import { OPTIMIZER_CATALOGUE, OPTIMIZERS } from '../../../shared/training/optimizers';
import { TASK_HELP, TASK_LABELS, TASKS, type Task } from '../../../shared/training/task';
import { useEditor } from '../app-context';
import { useFieldProblem } from '../ui/use-field-problem';
import { StartFromField } from './start-from-field';

const NESTEROV_HELP =
  'Nesterov accelerated gradient: take the gradient where the momentum is about to carry the weights, not where they are; usually steadier and a little faster.';

type NumericKey = NumericTrainSetting;

/** Checks a typed hyperparameter: the value, or why it is refused (zTrainConfig's rule, see trainSettingProblem). */
export function parseHyperparameter(
  key: NumericKey,
  text: string,
  label: string = key,
): { ok: true; value: number } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: `${label}: enter a number.` };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, error: `${label}: “${t}” is not a number.` };
  const problem = trainSettingProblem(key, n);
  return problem ? { ok: false, error: `${label} ${problem}.` } : { ok: true, value: n };
}

function NumberField(props: { label: string; field: NumericKey; value: number; help: string; disabled: boolean }) {
  const editor = useEditor();
  const id = useId();
  const [draft, setDraft] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft((d) => (Number(d) === props.value ? d : String(props.value)));
    setError(null);
  }, [props.value]);
  useFieldProblem(`training.${props.field}`, error);
  return (
    <div className={`field${error ? ' has-error' : ''}`} title={props.help}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={draft}
        disabled={props.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          const parsed = parseHyperparameter(props.field, e.target.value, props.label);
          if (parsed.ok) {
            setError(null);
            editor.setTraining({ [props.field]: parsed.value } as Partial<TrainConfig>);
          } else setError(parsed.error);
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * What the network learns, then the run's TrainConfig: optimizer, learning rate, epochs, batch size, loss,
 * validation split, the weights to start from and seed. All but the start (saved with each run) is saved with the
 * project.
 */
export const Hyperparameters = memo(function Hyperparameters(props: {
  training: TrainConfig;
  task: Task;
  disabled: boolean;
}) {
  const editor = useEditor();
  const t = props.training;
  const optimizer = OPTIMIZER_CATALOGUE[t.optimizer];
  const taskId = useId();
  const optimizerId = useId();
  const lossId = useId();
  const nesterovId = useId();
  return (
    <fieldset className="hyperparameters" disabled={props.disabled}>
      <legend>Hyperparameters</legend>
      <div className="field wide" title={TASK_HELP[props.task]}>
        <label htmlFor={taskId}>What the network learns</label>
        <select id={taskId} value={props.task} onChange={(e) => editor.setTask(e.target.value as Task)}>
          {TASKS.map((task) => (
            <option key={task} value={task} title={TASK_HELP[task]}>
              {TASK_LABELS[task]}
            </option>
          ))}
        </select>
      </div>
      <div className="field" title={optimizer.help}>
        <label htmlFor={optimizerId}>Optimizer</label>
        <select
          id={optimizerId}
          value={t.optimizer}
          onChange={(e) => editor.setTraining({ optimizer: e.target.value as TrainConfig['optimizer'] })}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o} value={o} title={`${OPTIMIZER_CATALOGUE[o].label}: ${OPTIMIZER_CATALOGUE[o].help}`}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label="Learning rate"
        field="learningRate"
        value={t.learningRate}
        help={`Step size of each update; ${optimizer.label} usually starts at ${optimizer.defaultLearningRate}.`}
        disabled={props.disabled}
      />
      {optimizer.defaultMomentum !== undefined && (
        <NumberField
          label="Momentum"
          field="momentum"
          value={t.momentum ?? optimizer.defaultMomentum}
          help="Share of the previous step carried into the next one."
          disabled={props.disabled}
        />
      )}
      {optimizer.nesterov && (
        <div className="field" title={NESTEROV_HELP}>
          <label htmlFor={nesterovId}>Nesterov</label>
          <input
            id={nesterovId}
            type="checkbox"
            checked={t.nesterov === true}
            onChange={(e) => editor.setTraining({ nesterov: e.target.checked })}
          />
        </div>
      )}
      <NumberField
        label="Epochs"
        field="epochs"
        value={t.epochs}
        help="Passes over the training data."
        disabled={props.disabled}
      />
      <NumberField
        label="Batch size"
        field="batchSize"
        value={t.batchSize}
        help="Samples per gradient step (mini-batch)."
        disabled={props.disabled}
      />
      <div className="field wide">
        <label htmlFor={lossId}>Loss</label>
        <select
          id={lossId}
          value={t.loss}
          onChange={(e) => editor.setTraining({ loss: e.target.value as TrainConfig['loss'] })}
        >
          {LOSSES.map((l) => (
            <option key={l} value={l}>
              {LOSS_CATALOGUE[l].label}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label="Validation split"
        field="validationSplit"
        value={t.validationSplit}
        help="Share of the data held out to measure generalization (the red curves)."
        disabled={props.disabled}
      />
      <StartFromField />
      <NumberField
        label="Seed"
        field="seed"
        value={t.seed}
        help="Same seed, same data, same backend: the same run, bit for bit."
        disabled={props.disabled}
      />
      <NumberField
        label="Memory limit (MB)"
        field="maxMemoryMB"
        value={t.maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB}
        help={`Most memory the data may take once loaded (default ${DEFAULT_MAX_MEMORY_MB} MB); a file needing more is refused before it is read, with a message saying how much it needs.`}
        disabled={props.disabled}
      />
    </fieldset>
  );
});
