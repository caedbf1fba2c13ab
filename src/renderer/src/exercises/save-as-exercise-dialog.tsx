import { useId, useMemo, useState, type ReactNode } from 'react';
import { bytesToBase64 } from '../../../shared/base64';
import type { CriterionParamSpec } from '../../../shared/exercises/criteria/criterion-definition';
import { CRITERIA, getCriterionDefinition } from '../../../shared/exercises/criteria/registry';
import type { CriterionSpec } from '../../../shared/exercises/exercise';
import { EXERCISE_FILE_SUFFIX } from '../../../shared/exercises/exercise';
import { serializeExercise } from '../../../shared/exercises/exercise-file';
import { LAYER_KINDS, type LayerKind } from '../../../shared/graph/model-graph';
import { describeNode } from '../../../shared/graph/problems';
import { getLayerDefinition } from '../../../shared/layers/catalogue';
import { useApi, useEditor, useEditorSelector, useExercises } from '../app-context';
import { Modal } from '../ui/modal';
import { type ExerciseForm, formToExercise, initialForm, newCriterion } from './exercise-form';

/** A labelled field; the label names the input for screen readers and tests. */
function Field(props: { label: string; help?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.help && <p className="field-help">{props.help}</p>}
    </div>
  );
}

function NumberInput(props: {
  id: string;
  value: number;
  onChange: (value: number) => void;
  step?: number;
  min?: number;
  max?: number;
}) {
  return (
    <input
      id={props.id}
      type="number"
      value={Number.isFinite(props.value) ? props.value : ''}
      step={props.step ?? 'any'}
      min={props.min}
      max={props.max}
      onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
    />
  );
}

/** One parameter of a criterion, as its spec in the registry says (fractions shown as percentages). */
function ParamInput(props: {
  spec: CriterionParamSpec;
  value: number | string | undefined;
  onChange: (value: number | string | undefined) => void;
}) {
  const { spec } = props;
  return (
    <Field label={spec.label} help={spec.help}>
      {(id) => {
        switch (spec.type) {
          case 'fraction':
            return (
              <NumberInput
                id={id}
                value={Math.round(Number(props.value) * 1000) / 10}
                min={spec.min * 100}
                max={spec.max * 100}
                step={0.5}
                onChange={(percent) => props.onChange(percent / 100)}
              />
            );
          case 'number':
          case 'integer':
            return (
              <NumberInput
                id={id}
                value={Number(props.value)}
                min={spec.min}
                max={spec.max}
                step={spec.type === 'integer' ? 1 : undefined}
                onChange={props.onChange}
              />
            );
          case 'layer-kind':
            return (
              <select id={id} value={String(props.value)} onChange={(e) => props.onChange(e.target.value)}>
                {LAYER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {getLayerDefinition(kind).displayName}
                  </option>
                ))}
              </select>
            );
          case 'class-name':
            return (
              <input
                id={id}
                type="text"
                value={props.value === undefined ? '' : String(props.value)}
                placeholder="every class"
                onChange={(e) => props.onChange(e.target.value.trim() === '' ? undefined : e.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}

function CriterionEditor(props: {
  index: number;
  spec: CriterionSpec;
  onChange: (spec: CriterionSpec) => void;
  onRemove: () => void;
}) {
  const definition = getCriterionDefinition(props.spec.kind);
  if (!definition) return null;
  const params = props.spec.params ?? {};
  return (
    <fieldset className="criterion-editor">
      <legend>
        {props.index + 1}. {definition.label}
      </legend>
      <p className="field-help">{definition.measures}</p>
      {definition.params.map((spec) => (
        <ParamInput
          key={spec.key}
          spec={spec}
          value={params[spec.key]}
          onChange={(value) => {
            const next = { ...params };
            if (value === undefined) delete next[spec.key];
            else next[spec.key] = value;
            props.onChange({ ...props.spec, params: next });
          }}
        />
      ))}
      <Field label="Points">
        {(id) => (
          <NumberInput
            id={id}
            value={props.spec.points ?? 1}
            min={0}
            onChange={(points) => props.onChange({ ...props.spec, points })}
          />
        )}
      </Field>
      <Field label="Hint when it fails">
        {(id) => (
          <input
            id={id}
            type="text"
            value={props.spec.hint ?? ''}
            onChange={(e) => props.onChange({ ...props.spec, hint: e.target.value })}
          />
        )}
      </Field>
      <button type="button" onClick={props.onRemove}>
        Remove this criterion
      </button>
    </fieldset>
  );
}

/**
 * For teachers: turns the current project into an exercise file. The starting graph, settings and data are the
 * project's; the form chooses locked layers, the kinds the palette offers, the training rules and the criteria (a
 * form generated from the criteria registry). Checked as a file would be read; "Preview as a student" opens it here.
 */
export function SaveAsExerciseDialog(props: { onClose: () => void }) {
  const editor = useEditor();
  const api = useApi();
  const exercises = useExercises();
  const doc = useEditorSelector((s) => s.doc);
  const projectName = useEditorSelector((s) => s.project.name);
  const [form, setForm] = useState<ExerciseForm>(() => initialForm(doc, projectName));
  const [adding, setAdding] = useState(CRITERIA[0].kind);
  const set = (patch: Partial<ExerciseForm>) => setForm((f) => ({ ...f, ...patch }));
  const built = useMemo(() => formToExercise(form, doc), [form, doc]);
  const errorId = useId();

  const save = async () => {
    if (!built.ok) return;
    const text = serializeExercise(built.exercise);
    const result = await api.files.save({
      suggestedName: `${built.exercise.id}${EXERCISE_FILE_SUFFIX}`,
      base64: bytesToBase64(new TextEncoder().encode(text)),
    });
    if (!result.saved) return;
    props.onClose();
    editor.setStatus(
      `Saved the exercise${result.where ? ` to ${result.where}` : ''}: hand that file to your students.`,
    );
  };

  const preview = () => {
    if (!built.ok) return;
    props.onClose();
    const { doc: teacherDoc, project, savedDoc } = editor.getState();
    // Closing the preview brings the teacher's project back as it was, unsaved changes included.
    exercises.open(built.exercise, { returnTo: { doc: teacherDoc, project, savedDoc } });
  };

  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
    on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

  return (
    <Modal
      title="Save as exercise"
      onClose={props.onClose}
      wide
      footer={
        <>
          {!built.ok && (
            <p id={errorId} className="form-error" role="alert">
              {built.error}
            </p>
          )}
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            disabled={!built.ok}
            aria-describedby={built.ok ? undefined : errorId}
            onClick={preview}
          >
            Preview as a student
          </button>
          <button
            type="button"
            className="primary"
            disabled={!built.ok}
            aria-describedby={built.ok ? undefined : errorId}
            onClick={() => void save()}
          >
            Save exercise…
          </button>
        </>
      }
    >
      <form className="exercise-form" onSubmit={(e) => e.preventDefault()}>
        {doc.dataset.kind !== 'builtin' && (
          <p className="form-error">
            An exercise trains on a built-in data set, so every student gets the same samples: pick one in the training
            panel first.
          </p>
        )}
        <Field label="Title">
          {(id) => <input id={id} type="text" value={form.title} onChange={(e) => set({ title: e.target.value })} />}
        </Field>
        <Field label="Exercise id" help="Lowercase letters, digits and hyphens: results and grade sheets name it.">
          {(id) => <input id={id} type="text" value={form.id} onChange={(e) => set({ id: e.target.value })} />}
        </Field>
        <Field label="One-line summary" help="Shown in the exercise list.">
          {(id) => (
            <input id={id} type="text" value={form.summary} onChange={(e) => set({ summary: e.target.value })} />
          )}
        </Field>
        <Field
          label="Instructions"
          help="Markdown. No HTML; pictures only embedded (data:image/png;base64,…), so nothing is fetched from a server."
        >
          {(id) => (
            <textarea
              id={id}
              rows={8}
              value={form.instructions}
              onChange={(e) => set({ instructions: e.target.value })}
            />
          )}
        </Field>

        <fieldset>
          <legend>Locked layers (students can't delete, rewire or edit them)</legend>
          {doc.graph.nodes.map((node) => (
            <label key={node.id} className="check-row">
              <input
                type="checkbox"
                checked={form.lockedNodeIds.includes(node.id)}
                onChange={(e) => set({ lockedNodeIds: toggle(form.lockedNodeIds, node.id, e.target.checked) })}
              />
              {describeNode(node)}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>Layers students can add</legend>
          <label className="check-row">
            <input
              type="checkbox"
              checked={form.allowedKinds === null}
              onChange={(e) =>
                set({
                  allowedKinds: e.target.checked ? null : [...new Set(doc.graph.nodes.map((n) => n.kind))],
                })
              }
            />
            Any layer
          </label>
          {form.allowedKinds !== null &&
            LAYER_KINDS.map((kind: LayerKind) => (
              <label key={kind} className="check-row">
                <input
                  type="checkbox"
                  checked={form.allowedKinds!.includes(kind)}
                  onChange={(e) => set({ allowedKinds: toggle(form.allowedKinds ?? [], kind, e.target.checked) })}
                />
                {getLayerDefinition(kind).displayName}
              </label>
            ))}
        </fieldset>

        <fieldset>
          <legend>Training rules (every check trains under them)</legend>
          <Field label="Seed" help="Fixed: the same submission gives the same numbers every time.">
            {(id) => <NumberInput id={id} value={form.seed} step={1} min={0} onChange={(seed) => set({ seed })} />}
          </Field>
          <Field label="Validation split" help="Fixed: the share of the data held out to measure validation results.">
            {(id) => (
              <NumberInput
                id={id}
                value={form.validationSplit}
                step={0.05}
                min={0.05}
                max={0.9}
                onChange={(validationSplit) => set({ validationSplit })}
              />
            )}
          </Field>
          <Field label="Epoch budget" help="A check trains at most this many epochs.">
            {(id) => (
              <NumberInput
                id={id}
                value={form.maxEpochs}
                step={1}
                min={1}
                onChange={(maxEpochs) => set({ maxEpochs })}
              />
            )}
          </Field>
          <label className="check-row">
            <input
              type="checkbox"
              checked={form.fixOptimizer}
              onChange={(e) => set({ fixOptimizer: e.target.checked })}
            />
            Always train with {doc.training.optimizer} (otherwise the student chooses)
          </label>
          <label className="check-row">
            <input type="checkbox" checked={form.fixLoss} onChange={(e) => set({ fixLoss: e.target.checked })} />
            Always train with the loss {doc.training.loss}
          </label>
          <label className="check-row">
            <input
              type="checkbox"
              checked={form.learningRate !== null}
              onChange={(e) =>
                set({
                  learningRate: e.target.checked
                    ? { min: doc.training.learningRate / 10, max: doc.training.learningRate * 10 }
                    : null,
                })
              }
            />
            Limit the learning rate
          </label>
          {form.learningRate && (
            <div className="field-row">
              <Field label="Lowest learning rate">
                {(id) => (
                  <NumberInput
                    id={id}
                    value={form.learningRate!.min}
                    onChange={(min) => set({ learningRate: { ...form.learningRate!, min } })}
                  />
                )}
              </Field>
              <Field label="Highest learning rate">
                {(id) => (
                  <NumberInput
                    id={id}
                    value={form.learningRate!.max}
                    onChange={(max) => set({ learningRate: { ...form.learningRate!, max } })}
                  />
                )}
              </Field>
            </div>
          )}
          <label className="check-row">
            <input
              type="checkbox"
              checked={form.batchSize !== null}
              onChange={(e) => set({ batchSize: e.target.checked ? { min: 16, max: 256 } : null })}
            />
            Limit the batch size (a minimum keeps checks fast)
          </label>
          {form.batchSize && (
            <div className="field-row">
              <Field label="Smallest batch">
                {(id) => (
                  <NumberInput
                    id={id}
                    value={form.batchSize!.min}
                    step={1}
                    onChange={(min) => set({ batchSize: { ...form.batchSize!, min } })}
                  />
                )}
              </Field>
              <Field label="Largest batch">
                {(id) => (
                  <NumberInput
                    id={id}
                    value={form.batchSize!.max}
                    step={1}
                    onChange={(max) => set({ batchSize: { ...form.batchSize!, max } })}
                  />
                )}
              </Field>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>Criteria (each earns its points when it passes)</legend>
          {form.criteria.map((spec, index) => (
            <CriterionEditor
              key={index}
              index={index}
              spec={spec}
              onChange={(next) => set({ criteria: form.criteria.map((c, i) => (i === index ? next : c)) })}
              onRemove={() => set({ criteria: form.criteria.filter((_, i) => i !== index) })}
            />
          ))}
          <div className="field-row">
            <Field label="Criterion to add">
              {(id) => (
                <select id={id} value={adding} onChange={(e) => setAdding(e.target.value)}>
                  {CRITERIA.map((definition) => (
                    <option key={definition.kind} value={definition.kind}>
                      {definition.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="button" onClick={() => set({ criteria: [...form.criteria, newCriterion(adding)] })}>
              Add criterion
            </button>
          </div>
        </fieldset>
      </form>
    </Modal>
  );
}
