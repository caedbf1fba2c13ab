import { useEffect, useId, useState } from 'react';
import type { JsonValue } from '../../../shared/graph/model-graph';
import type { ConfigField } from '../../../shared/layers/layer-definition';
import { useFieldProblem } from '../ui/use-field-problem';
import { formatFieldValue, parseFieldInput } from './parse-field';

function rangeHint(field: ConfigField): string {
  if (field.type !== 'int' && field.type !== 'float') return '';
  const lo = field.min !== undefined ? `${field.type === 'float' && field.minExclusive ? '>' : '≥'} ${field.min}` : '';
  const hi = field.max !== undefined ? `${field.type === 'float' && field.maxExclusive ? '<' : '≤'} ${field.max}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}

/**
 * One config field. Text fields validate on every keystroke: a valid value applies at once (shapes update
 * everywhere), an invalid one stays in the box with the reason beside it and is not applied.
 */
export function FieldEditor(props: {
  field: ConfigField;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
  /** Identifies the field while its text is invalid (see useFieldProblem), e.g. the node id and the key. */
  problemKey: string;
  /** Who the field belongs to in the reason Train gives, e.g. `Dense "dense-1"`. */
  owner: string;
}) {
  const { field, value, onChange } = props;
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const formatted = formatFieldValue(field, value);
  const [draft, setDraft] = useState(formatted);
  const [error, setError] = useState<string | null>(null);

  // A change from elsewhere (undo, a fix, another node) replaces the draft unless it is what the draft means.
  useEffect(() => {
    setDraft((current) => {
      const parsed = parseFieldInput(field, current);
      return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(value) ? current : formatted;
    });
    setError(null);
  }, [formatted, field, value]);

  useFieldProblem(props.problemKey, error ? `${props.owner}: ${error}` : null);

  const hint = rangeHint(field);
  const describedBy = [helpId, error ? errorId : ''].filter(Boolean).join(' ');

  let control;
  if (field.type === 'enum') {
    control = (
      <select
        id={id}
        value={typeof value === 'string' ? value : field.default}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
      >
        {field.choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
      />
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode={field.type === 'float' ? 'decimal' : field.type === 'int' ? 'numeric' : 'text'}
        value={draft}
        placeholder={field.type === 'pair' && field.nullable ? 'same as pool size' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const parsed = parseFieldInput(field, text);
          if (parsed.ok) {
            setError(null);
            onChange(parsed.value);
          } else {
            setError(parsed.error);
          }
        }}
        onBlur={() => {
          if (!error) setDraft(formatted);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setDraft(formatted);
            setError(null);
          }
        }}
      />
    );
  }

  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {hint && <span className="field-range"> ({hint})</span>}
      </label>
      {control}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      <p id={helpId} className="field-help">
        {field.help}
      </p>
    </div>
  );
}
