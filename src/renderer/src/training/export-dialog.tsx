import { useId, useState } from 'react';
import {
  EXPORT_FORMAT_HELP,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type ExportFormat,
} from '../../../shared/interop/export-formats';
import { useApi, useEditor, useTrainingState } from '../app-context';
import { Modal } from '../ui/modal';
import { DEFAULT_EXPORT_CHOICES, exportNameFor, exportRun, type ExportChoices } from './export-run';
import { exportableRun, whyNotExport } from './training-session';

/**
 * Export model…: the run shown in the training panel, in the format chosen (the formats from the shared registry),
 * with its data and trained weights or without. The host asks for a folder (Electron) or downloads a zip (browser
 * mode); a failure stays in the dialog with its reason, so the user can change a choice and try again.
 */
export function ExportDialog(props: { onClose: () => void }) {
  const api = useApi();
  const editor = useEditor();
  const state = useTrainingState();
  const run = exportableRun(state);
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_EXPORT_CHOICES);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const groupId = useId();
  const choose = (change: Partial<ExportChoices>) => {
    setChoices((current) => ({ ...current, ...change }));
    setError(null);
  };

  async function submit() {
    if (!run) return;
    setBusy(true);
    setError(null);
    try {
      if (await exportRun(api, editor, run, choices)) props.onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const where = api.platform === 'electron' ? 'You choose the folder next.' : 'It is downloaded as a zip file.';
  return (
    <Modal
      title="Export model"
      onClose={props.onClose}
      footer={
        <>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!run || busy} onClick={() => void submit()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      {run ? (
        <>
          <p>
            Run {run.key} as “{exportNameFor(run, choices.format)}”. {where}
          </p>
          <fieldset className="export-formats" aria-describedby={`${groupId}-help`}>
            <legend>Format</legend>
            {EXPORT_FORMATS.map((format: ExportFormat) => (
              <div key={format} className="export-format">
                <input
                  id={`${groupId}-${format}`}
                  type="radio"
                  name={`${groupId}-format`}
                  value={format}
                  checked={choices.format === format}
                  aria-describedby={`${groupId}-${format}-help`}
                  onChange={() => choose({ format })}
                />
                <label htmlFor={`${groupId}-${format}`}>{EXPORT_FORMAT_LABELS[format]}</label>
                <span id={`${groupId}-${format}-help`} className="small muted">
                  {EXPORT_FORMAT_HELP[format]}
                </span>
              </div>
            ))}
          </fieldset>
          <p id={`${groupId}-help`} className="small muted">
            The model as Run {run.key} trained it, whatever was edited since.
          </p>
          <label className="export-option">
            <input
              type="checkbox"
              checked={choices.includeWeights}
              onChange={(e) => choose({ includeWeights: e.target.checked })}
            />
            Include the trained weights
          </label>
          <label className="export-option">
            <input
              type="checkbox"
              checked={choices.includeData}
              aria-describedby={`${groupId}-data-help`}
              onChange={(e) => choose({ includeData: e.target.checked })}
            />
            Include the data
          </label>
          <p id={`${groupId}-data-help`} className="small muted">
            data.npz: the samples split and scaled as LayerLab trained on them, which train.py reads.
          </p>
          {error && (
            <p className="export-error" role="alert">
              Export failed: {error}
            </p>
          )}
        </>
      ) : (
        <p>{whyNotExport(state)}</p>
      )}
    </Modal>
  );
}
