import { useEffect } from 'react';
import { countOf } from '../../../shared/text/plural';
import { useAnalysis, useEditor, useEditorSelector } from '../app-context';

/** Problems the analysis finds, refused connections and confirmations, announced politely to screen readers. */
export function StatusLine() {
  const editor = useEditor();
  const analysis = useAnalysis();
  const status = useEditorSelector((s) => s.status);
  const nodeCount = useEditorSelector((s) => s.doc.graph.nodes.length);
  const errors = analysis.problems.filter((p) => p.severity === 'error').length;
  const warnings = analysis.problems.length - errors;

  useEffect(() => {
    if (!status || status.tone === 'error') return;
    const timer = setTimeout(() => editor.clearStatus(), 6000);
    return () => clearTimeout(timer);
  }, [status, editor]);

  return (
    <footer className="status-line">
      <span
        role="status"
        aria-live="polite"
        className={`status-message${status?.tone === 'error' ? ' is-error' : ''}`}
        key={status?.seq}
      >
        {status?.text ?? ''}
        {status?.tone === 'error' && (
          <button type="button" className="link" onClick={() => editor.clearStatus()} aria-label="Dismiss message">
            ✕
          </button>
        )}
      </span>
      <span className="status-facts">
        {countOf(nodeCount, 'layer')} · {countOf(analysis.totalParams, 'param')} ·{' '}
        <span className={errors > 0 ? 'text-danger' : 'text-ok'}>
          {errors === 0 ? 'no errors' : countOf(errors, 'error')}
        </span>
        {warnings > 0 && ` · ${countOf(warnings, 'warning')}`}
      </span>
    </footer>
  );
}
