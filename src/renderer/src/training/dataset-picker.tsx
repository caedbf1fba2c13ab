import { memo, useEffect, useId, useRef, useState } from 'react';
import { DATASET_PREVIEW_PER_CLASS, type DatasetPreview } from '../../../shared/ipc/api';
import { importableSummary } from '../../../shared/training/importers';
import { datasetName, withClassNames, type DatasetDescriptor, type DatasetRef } from '../../../shared/training/dataset';
import { countOf } from '../../../shared/text/plural';
import { useApi, useEditor, useEditorSelector } from '../app-context';
import { formatShape } from '../../../shared/layers/shape-math';
import { ScatterPlot } from './scatter-plot';

/** The import button's tooltip, from the importer registry. */
const IMPORT_TITLE = `Use your own data: ${importableSummary()}`;

/** The select's value: a built-in's id as is (what `layerlab datasets` lists), an imported file prefixed. */
function refKey(ref: DatasetRef): string {
  return ref.kind === 'builtin' ? ref.id : `file:${ref.path}`;
}

/**
 * What the host is asked to read: the ref without the project's class names, so the picker knows the file's own
 * (shown as placeholders) and renaming a class reads nothing again. The same key means the same read.
 */
function readRef(ref: DatasetRef): DatasetRef {
  if (ref.kind !== 'file' || !ref.classNames) return ref;
  const { classNames: _names, ...rest } = ref;
  return rest;
}

/** The file imported again in place of `old`: its settings (arrays, columns, class names) carry over when it is the same file by name. */
function reimported(old: DatasetRef, fresh: DatasetRef): DatasetRef {
  if (old.kind !== 'file' || fresh.kind !== 'file' || datasetName(old) !== datasetName(fresh)) return fresh;
  return { ...old, path: fresh.path, name: fresh.name ?? old.name };
}

/** One decoded sample drawn at its pixel size, scaled up crisply by CSS. */
const SampleImage = memo(function SampleImage(props: { sample: DatasetPreview['samples'][number]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { sample } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext?.('2d');
    if (!ctx) return;
    const image = ctx.createImageData(sample.width, sample.height);
    const n = sample.width * sample.height;
    for (let i = 0; i < n; i++) {
      const base = i * sample.channels;
      const r = sample.pixels[base] ?? 0;
      const g = sample.channels >= 3 ? sample.pixels[base + 1] : r;
      const b = sample.channels >= 3 ? sample.pixels[base + 2] : r;
      image.data.set([r, g, b, 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [sample]);
  return (
    <canvas
      ref={ref}
      className="sample"
      width={sample.width}
      height={sample.height}
      title={props.label}
      aria-label={props.label}
      role="img"
    />
  );
});

/** Which data to train on: built-in generators and imported files, with samples, class counts and the input shape. */
export const DatasetPicker = memo(function DatasetPicker(props: {
  dataset: DatasetRef;
  disabled: boolean;
  /** The project's memory limit for data (TrainConfig.maxMemoryMB): the host reads imports and previews within it. */
  maxMemoryMB?: number;
}) {
  const api = useApi();
  const editor = useEditor();
  const selectId = useId();
  const [list, setList] = useState<DatasetDescriptor[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [preview, setPreview] = useState<DatasetPreview | null>(null);
  const previewError = useEditorSelector((s) => s.datasetProblem);
  const key = refKey(props.dataset);

  useEffect(() => {
    let live = true;
    api.datasets.list().then(
      (l) => live && setList(l),
      (e: unknown) => live && setListError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    let live = true;
    setPreview(null);
    api.datasets.preview(readRef(props.dataset), DATASET_PREVIEW_PER_CLASS, { maxMemoryMB: props.maxMemoryMB }).then(
      (p) => {
        if (!live) return;
        setPreview(p);
        editor.setDatasetDescriptor(p.descriptor);
      },
      (e: unknown) => {
        if (!live) return;
        // Train is refused with this reason until the data can be read (see whyNotTrain).
        editor.setDatasetProblem(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
    // The ref object changes identity on undo; its key says whether the data really changed. A new memory limit reads
    // again (a set refused under the old limit may fit the new one).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, editor, key, props.maxMemoryMB]);

  const importFile = async () => {
    try {
      const ref = await api.datasets.importFile({ maxMemoryMB: props.maxMemoryMB });
      if (ref) {
        editor.setDataset(previewError ? reimported(props.dataset, ref) : ref);
        editor.setStatus(`Using data from ${datasetName(ref)}.`);
      }
    } catch (e) {
      editor.setStatus(`Import failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  const fileDescriptor = preview?.descriptor;
  const descriptor = fileDescriptor && withClassNames(fileDescriptor, props.dataset);
  const renamable = props.dataset.kind === 'file' && !props.disabled;
  const options = list ?? [];
  const dataset = props.dataset;
  const isListed = dataset.kind === 'builtin' && options.some((d) => d.id === dataset.id);

  return (
    <section className="dataset-picker" aria-label="Dataset">
      <div className="field">
        <label htmlFor={selectId}>Dataset</label>
        <div className="row">
          <select
            id={selectId}
            value={key}
            disabled={props.disabled}
            onChange={(e) => {
              if (!e.target.value.startsWith('file:')) editor.setDataset({ kind: 'builtin', id: e.target.value });
            }}
          >
            {!isListed && (
              <option value={key}>
                {props.dataset.kind === 'file' ? `File: ${datasetName(props.dataset)}` : datasetName(props.dataset)}
              </option>
            )}
            {options.map((d) => (
              <option key={d.id} value={d.id} title={d.description}>
                {d.name}
              </option>
            ))}
          </select>
          <button type="button" onClick={importFile} disabled={props.disabled} title={IMPORT_TITLE}>
            Import data…
          </button>
        </div>
        {listError && <p className="field-error">Could not list datasets: {listError}</p>}
      </div>
      {previewError && (
        <div className="dataset-problem" role="alert">
          <p className="field-error">{previewError}</p>
          {props.dataset.kind === 'file' && (
            <button type="button" onClick={importFile} disabled={props.disabled}>
              Import {datasetName(props.dataset)} again…
            </button>
          )}
        </div>
      )}
      {!descriptor && !previewError && <p className="muted">Loading preview…</p>}
      {descriptor && (
        <>
          <p className="dataset-facts">
            <span title="Shape of one sample">
              Input <strong className="mono">{formatShape(descriptor.inputShape)}</strong>
            </span>
            <span>
              {descriptor.classNames.length > 0
                ? countOf(descriptor.classNames.length, 'class', 'classes')
                : 'no classes'}{' '}
              ·{' '}
              {countOf(
                descriptor.countsPerClass.reduce((a, b) => a + b, 0),
                'sample',
              )}
            </span>
          </p>
          <p className="muted small">{descriptor.description}</p>
          {preview.points ? (
            <ScatterPlot
              datasetName={descriptor.name}
              points={preview.points}
              classNames={descriptor.classNames}
              countsPerClass={descriptor.countsPerClass}
            />
          ) : (
            <ul className="class-previews">
              {descriptor.classNames.map((name, c) => {
                const samples = preview.samples.filter(
                  (s) => s.classIndex === c && s.width * s.height > 1 && s.height > 1,
                );
                return (
                  <li key={c}>
                    {renamable ? (
                      <input
                        type="text"
                        className="class-name"
                        aria-label={`Name of class ${c}`}
                        title="The class's name, saved with the project; empty for the file's own"
                        value={props.dataset.kind === 'file' ? (props.dataset.classNames?.[c] ?? '') : ''}
                        placeholder={fileDescriptor?.classNames[c] ?? name}
                        maxLength={80}
                        onChange={(e) => editor.renameClass(c, e.target.value)}
                      />
                    ) : (
                      <span className="class-name" title={name}>
                        {name}
                      </span>
                    )}
                    <span className="class-count">{descriptor.countsPerClass[c] ?? 0}</span>
                    <span className="samples">
                      {samples.map((s, i) => (
                        <SampleImage key={i} sample={s} label={`${name} sample ${i + 1}`} />
                      ))}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </section>
  );
});
