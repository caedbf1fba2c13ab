import { memo, useEffect, useMemo, useState } from 'react';
import { unpack } from '../../../shared/views/packed-array';
import type { CellSamplesView } from '../../../shared/views/view-queries';
import { useTrainingStore } from '../app-context';
import type { RunRecord } from '../training/training-session';
import { Modal } from '../ui/modal';
import { errorText, percent, shortNumber } from './format';
import { PixelCanvas } from './pixel-canvas';
import { modelUnavailable } from '../training/training-session';

export interface MatrixCell {
  epoch: number;
  trueClass: number;
  predictedClass: number;
}

type Sample = CellSamplesView['samples'][number];

/**
 * The validation samples behind one confusion-matrix cell (Teachable Machine's "click the number"): each as its
 * picture (or its point), with the probabilities the model gave it at that epoch. Large cells load a page at a time.
 */
export function CellSamplesDialog(props: { run: RunRecord; cell: MatrixCell; onClose(): void }) {
  const store = useTrainingStore();
  const { run, cell } = props;
  const [samples, setSamples] = useState<Sample[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const names = run.classNames;
  const trueName = names[cell.trueClass] ?? `class ${cell.trueClass}`;
  const predictedName = names[cell.predictedClass] ?? `class ${cell.predictedClass}`;
  const unavailable = modelUnavailable(run);

  const load = async (offset: number) => {
    setLoading(true);
    try {
      const page = await store.inspect(run, { kind: 'cellSamples', ...cell, offset });
      setSamples((previous) => (offset === 0 ? page.samples : [...previous, ...page.samples]));
      setTotal(page.total);
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setSamples([]);
    setTotal(null);
    if (unavailable === null) void load(0);
    // `load` reads the cell and run given here; a new cell or run reloads from the start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.key, run.runId, run.inProcess, cell.epoch, cell.trueClass, cell.predictedClass, unavailable]);

  const title = `Samples: true ${trueName}, predicted ${predictedName}`;
  return (
    <Modal
      title={title}
      onClose={props.onClose}
      wide
      footer={
        <button type="button" onClick={props.onClose} data-autofocus>
          Close
        </button>
      }
    >
      <p className="muted">
        Validation samples of class “{trueName}” the network predicted as “{predictedName}” after epoch {cell.epoch}
        {total !== null && ` — ${total} sample${total === 1 ? '' : 's'}`}.
      </p>
      {unavailable && <p className="muted">{unavailable}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <ul className="cell-samples" aria-label={`${total ?? 0} samples of true ${trueName}, predicted ${predictedName}`}>
        {samples.map((sample) => (
          <SampleItem key={sample.index} sample={sample} classNames={names} predicted={cell.predictedClass} />
        ))}
      </ul>
      {total !== null && samples.length < total && (
        <button type="button" disabled={loading} onClick={() => void load(samples.length)}>
          Show more ({total - samples.length} left)
        </button>
      )}
      {loading && samples.length === 0 && <p className="muted">Loading…</p>}
    </Modal>
  );
}

const SampleItem = memo(function SampleItem(props: {
  sample: Sample;
  classNames: readonly string[];
  predicted: number;
}) {
  const { sample } = props;
  const values = useMemo(() => unpack(sample.input), [sample.input]);
  const shape = sample.input.shape;
  const probabilities = sample.probabilities;
  return (
    <li className="cell-sample">
      {shape.length === 3 ? (
        <PixelCanvas
          values={values}
          width={shape[1]}
          height={shape[0]}
          channels={shape[2]}
          range={sample.input.range ?? [0, 1]}
          label={`Validation sample ${sample.index}`}
          size={56}
        />
      ) : (
        <span className="sample-point">({Array.from(values, shortNumber).join(', ')})</span>
      )}
      <span className="sample-index">#{sample.index}</span>
      {probabilities && (
        <span
          className="sample-probabilities"
          title={probabilities.map((p, i) => `${props.classNames[i] ?? i}: ${percent(p)}`).join(', ')}
        >
          {props.classNames[props.predicted] ?? props.predicted} {percent(probabilities[props.predicted] ?? 0, 0)}
        </span>
      )}
    </li>
  );
});
