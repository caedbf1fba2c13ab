import { memo } from 'react';
import { countOf } from '../../../shared/text/plural';
import { getLayerDefinition, withDefaults } from '../../../shared/layers/catalogue';
import { useAnalysis, useEditor, useEditorSelector } from '../app-context';
import { formatShape } from '../../../shared/layers/shape-math';
import { formatCount } from '../canvas/format';
import { describeNode } from '../../../shared/graph/problems';
import { FieldEditor } from './field-editor';

/** Settings of the selected layer, generated from its catalogue definition, with its explanation and formula. */
export const Inspector = memo(function Inspector() {
  const editor = useEditor();
  const selectedCount = useEditorSelector((s) => s.selectedNodes).size;
  const constraints = useEditorSelector((s) => s.constraints);
  const analysis = useAnalysis();
  const node = editor.selectedNode;
  if (!node) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Inspector</h2>
        <p className="empty-hint">
          {selectedCount > 1
            ? `${countOf(selectedCount, 'layer')} selected. Delete, duplicate (Ctrl+D) or copy them, or select one to edit it.`
            : 'Select a layer on the canvas to see and change its settings.'}
        </p>
      </section>
    );
  }
  const def = getLayerDefinition(node.kind);
  const config = withDefaults(node.kind, node.config);
  const params = analysis.params[node.id];
  const problems = analysis.problems.filter((p) => p.nodeId === node.id);
  const locked = constraints?.lockedNodeIds.has(node.id) ?? false;
  return (
    <section className="inspector" aria-label="Inspector">
      <h2>
        {def.displayName} <span className="muted">· {node.id}</span>
      </h2>
      <dl className="inspector-facts">
        <dt>Output shape</dt>
        <dd>{formatShape(analysis.shapes[node.id])}</dd>
        <dt>Parameters</dt>
        <dd>{params ? formatCount(params.trainable + params.nonTrainable) : '0'}</dd>
      </dl>
      {problems.length > 0 && (
        <ul className="inspector-problems">
          {problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.severity}`}>
              {p.message}
              {p.fix && (
                <button type="button" className="fix-button" onClick={() => editor.applyFix(p)}>
                  {p.fix.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()} key={node.id}>
        <div className="field">
          <label htmlFor="node-label">Name</label>
          <input
            id="node-label"
            type="text"
            value={node.label ?? ''}
            placeholder={node.id}
            maxLength={64}
            onChange={(e) => editor.setLabel(node.id, e.target.value)}
          />
          <p className="field-help">Shown on the card and used as the layer's name in the exported model.</p>
        </div>
        {locked && (
          <p className="locked-note" role="note">
            <span aria-hidden="true">🔒 </span>Locked by the exercise: its settings and its connections to the other
            locked layers stay as they are.
          </p>
        )}
        <fieldset className="inspector-fields" disabled={locked}>
          {def.fields.map((field) => (
            <FieldEditor
              key={field.key}
              field={field}
              value={config[field.key]}
              onChange={(v) => editor.updateConfig(node.id, field.key, v)}
              problemKey={`node:${node.id}:${field.key}`}
              owner={describeNode(node)}
            />
          ))}
        </fieldset>
        {def.fields.length === 0 && <p className="muted">This layer has no settings.</p>}
      </form>
      <section className="explanation" aria-label="About this layer">
        <h3>About {def.displayName}</h3>
        <p>{def.explanation}</p>
        {def.formula && <pre className="formula">{def.formula}</pre>}
      </section>
    </section>
  );
});
