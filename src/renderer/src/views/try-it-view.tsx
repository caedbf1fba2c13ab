import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bytesToBase64 } from '../../../shared/base64';
import { packFloats, unpack } from '../../../shared/views/packed-array';
import { inputShapeOf, isPlaneInput } from '../../../shared/views/view-availability';
import { VIEW_LIMITS, VIEW_REFRESH_MS, type PredictionView, type SampleRef } from '../../../shared/views/view-queries';
import { useTrainingStore } from '../app-context';
import { classColor } from '../training/scatter-plot';
import { BoundaryPlot, type PlanePoint } from './boundary-plot';
import { extentOfPoints, usePlanePoints } from './boundary-view';
import { DrawingPad, type DrawingPadHandle } from './drawing-pad';
import { errorText, percent } from './format';
import { PixelCanvas } from './pixel-canvas';
import { useRunView } from './use-run-view';
import { modelUnavailable } from '../training/training-session';
import type { RunViewProps } from './view-props';

const BRUSHES = [
  { label: 'Fine', radius: 0.8 },
  { label: 'Medium', radius: 1.4 },
  { label: 'Bold', radius: 2.2 },
  { label: 'Huge', radius: 3.5 },
] as const;

const MAX_UPLOAD_MB = VIEW_LIMITS.imageUploadBytes / (1024 * 1024);

const MODEL_QUERY = { kind: 'model' } as const;

/**
 * "Try it": the user's own input through the model, with the class probabilities after every stroke. Pictures are
 * drawn on a pad at the model's input size or uploaded (scaled by the engine the way the image importer scales);
 * 2-D classifiers take a click on the plane. An autoencoder shows what it rebuilds from the drawing.
 */
export function TryItView(props: RunViewProps) {
  const { run, subject } = props;
  const store = useTrainingStore();
  const unavailable = modelUnavailable(run);
  const shape = inputShapeOf(subject.graph) ?? [];
  const plane = isPlaneInput(shape);
  const [prediction, setPrediction] = useState<PredictionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const runId = run?.runId ?? null;
  // The run as last rendered: a prediction asks the model of the run shown now.
  const shown = useRef(run);
  shown.current = run;
  // The data's value range: ink is drawn from its low end (ground) to its high end (ink).
  const model = useRunView(run, unavailable === null ? MODEL_QUERY : null, VIEW_REFRESH_MS.weights);

  // A different run (or a new one) means a different model: forget the old answer.
  useEffect(() => {
    setPrediction(null);
    setError(null);
  }, [run?.key, runId]);

  const predict = useCallback(
    async (sample: SampleRef): Promise<PredictionView | null> => {
      const target = shown.current;
      if (target === null || unavailable !== null) return null;
      const ticket = ++latest.current;
      try {
        const result = await store.inspect(target, { kind: 'predict', sample });
        if (ticket !== latest.current) return null;
        setPrediction(result);
        setError(null);
        return result;
      } catch (failure) {
        if (ticket === latest.current) setError(errorText(failure));
        return null;
      }
    },
    [store, unavailable],
  );

  return (
    <div className="view-try-it">
      {unavailable && <p className="muted">{unavailable}</p>}
      {plane ? (
        <PlaneInput {...props} disabled={unavailable !== null} prediction={prediction} predict={predict} />
      ) : (
        <PictureInput
          shape={shape}
          disabled={unavailable !== null}
          predict={predict}
          onError={setError}
          valueRange={model.data?.valueRange ?? [0, 1]}
        />
      )}
      <div className="try-it-result">
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {prediction?.probabilities && (
          <Probabilities classNames={run?.classNames ?? []} probabilities={prediction.probabilities} />
        )}
        {prediction && !prediction.probabilities && prediction.output.shape.length === 3 && (
          <Reconstruction prediction={prediction} />
        )}
      </div>
    </div>
  );
}

/** One bar per class, the winner first in the reading order of the list; values as sent by the engine. */
export function Probabilities(props: { classNames: readonly string[]; probabilities: readonly number[] }) {
  const best = props.probabilities.indexOf(Math.max(...props.probabilities));
  return (
    <div className="probabilities">
      <p>
        Predicted: <strong>{props.classNames[best] ?? `class ${best}`}</strong>
      </p>
      <ul aria-label="Class probabilities">
        {props.probabilities.map((p, i) => (
          <li key={i} data-probability={p} className={i === best ? 'is-best' : undefined}>
            <span className="probability-name">{props.classNames[i] ?? `class ${i}`}</span>
            <span className="probability-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%`, background: classColor(i) }} />
            </span>
            <span className="probability-value">{percent(p)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Reconstruction(props: { prediction: PredictionView }) {
  const input = useMemo(() => unpack(props.prediction.sample.input), [props.prediction]);
  const output = useMemo(() => unpack(props.prediction.output), [props.prediction]);
  const [height, width, channels] = props.prediction.output.shape;
  return (
    <div className="image-row">
      <PixelCanvas values={input} width={width} height={height} channels={channels} range={[0, 1]} label="Your input" />
      <PixelCanvas
        values={output}
        width={width}
        height={height}
        channels={channels}
        range={[0, 1]}
        label="What the autoencoder rebuilds"
      />
    </div>
  );
}

function PictureInput(props: {
  shape: number[];
  disabled: boolean;
  predict(sample: SampleRef): Promise<PredictionView | null>;
  onError(message: string | null): void;
  valueRange: [number, number];
}) {
  const [height = 1, width = 1, channels = 1] = props.shape;
  const [brush, setBrush] = useState<number>(BRUSHES[1].radius);
  const [invert, setInvert] = useState(false);
  const pad = useRef<DrawingPadHandle>(null);
  const { predict, onError } = props;

  const onStroke = (ink: Float32Array) => {
    if (props.disabled) return;
    const [low, high] = props.valueRange;
    const input = new Float32Array(height * width * channels);
    for (let p = 0; p < height * width; p++) input.fill(low + ink[p] * (high - low), p * channels, (p + 1) * channels);
    void predict({ input: packFloats(input, props.shape) });
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > VIEW_LIMITS.imageUploadBytes) {
      onError(
        `${file.name}: the file is ${(file.size / (1024 * 1024)).toFixed(1)} MB; pictures up to ${MAX_UPLOAD_MB} MB can be tried.`,
      );
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await predict({ image: { name: file.name, base64: bytesToBase64(bytes), invert } });
    if (result) {
      // Show the picture as the model saw it, so the user can draw on top of it.
      const seen = unpack(result.sample.input);
      const [low, high] = props.valueRange;
      const ink = new Float32Array(height * width);
      for (let p = 0; p < ink.length; p++) ink[p] = (seen[p * channels] - low) / (high - low || 1);
      pad.current?.setInk(ink);
    }
  };

  return (
    <div className="try-it-input">
      <DrawingPad ref={pad} width={width} height={height} brush={brush} onStroke={onStroke} />
      <div className="try-it-tools">
        <label>
          Brush{' '}
          <select value={brush} onChange={(e) => setBrush(Number(e.target.value))}>
            {BRUSHES.map((b) => (
              <option key={b.label} value={b.radius}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => pad.current?.clear()}>
          Clear
        </button>
        <label className="file-button">
          Upload a picture…
          <input
            type="file"
            accept="image/png,image/jpeg"
            disabled={props.disabled}
            onChange={(e) => {
              void upload(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        <label
          className="toggle"
          title="The fonts set draws light glyphs on a dark ground; scanned text is the other way round"
        >
          <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.target.checked)} />
          Invert uploaded pictures
        </label>
        <p className="muted small">
          Draw in the box ({width}×{height} pixels, the model&apos;s input size); the prediction updates after each
          stroke. PNG or JPEG up to {MAX_UPLOAD_MB} MB.
        </p>
      </div>
    </div>
  );
}

function PlaneInput(
  props: RunViewProps & {
    disabled: boolean;
    prediction: PredictionView | null;
    predict(sample: SampleRef): Promise<PredictionView | null>;
  },
) {
  const points = usePlanePoints(props.subject.dataset);
  const extent = useMemo(() => extentOfPoints(points), [points]);
  const [picked, setPicked] = useState<{ x: number; y: number } | null>(null);
  const [x, setX] = useState('0.5');
  const [y, setY] = useState('-0.5');
  const pick = (px: number, py: number) => {
    if (props.disabled) return;
    setPicked({ x: px, y: py });
    setX(px.toFixed(2));
    setY(py.toFixed(2));
    void props.predict({ input: packFloats([px, py], [2]) });
  };
  const marker: PlanePoint | null =
    picked && props.prediction?.predicted != null ? { ...picked, classIndex: props.prediction.predicted } : null;
  return (
    <div className="try-it-input">
      <BoundaryPlot
        label="Plane: click a point to classify it"
        extent={extent}
        grid={null}
        points={points}
        picked={marker}
        onPick={pick}
      />
      <form
        className="try-it-tools"
        onSubmit={(e) => {
          e.preventDefault();
          const px = Number(x);
          const py = Number(y);
          if (Number.isFinite(px) && Number.isFinite(py)) pick(px, py);
        }}
      >
        <label>
          x <input type="number" step="any" value={x} onChange={(e) => setX(e.target.value)} />
        </label>
        <label>
          y <input type="number" step="any" value={y} onChange={(e) => setY(e.target.value)} />
        </label>
        <button type="submit" disabled={props.disabled}>
          Classify
        </button>
        <p className="muted small">Click anywhere on the plane, or type a point.</p>
      </form>
    </div>
  );
}
