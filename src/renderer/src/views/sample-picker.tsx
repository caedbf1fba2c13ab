import { useId } from 'react';

/** Which validation sample a view shows: a number field with previous/next buttons. */
export function SamplePicker(props: { index: number; count: number | null; onChange(index: number): void }) {
  const id = useId();
  const { index, count } = props;
  const last = count === null ? Infinity : Math.max(0, count - 1);
  const go = (value: number) => props.onChange(Math.max(0, Math.min(last, value)));
  return (
    <div className="sample-picker">
      <label htmlFor={id}>Validation sample</label>
      <button type="button" onClick={() => go(index - 1)} disabled={index <= 0} aria-label="Previous sample">
        ‹
      </button>
      <input
        id={id}
        type="number"
        min={0}
        max={count === null ? undefined : last}
        value={index}
        onChange={(e) => {
          const value = Number(e.target.value);
          if (Number.isInteger(value)) go(value);
        }}
      />
      <button type="button" onClick={() => go(index + 1)} disabled={index >= last} aria-label="Next sample">
        ›
      </button>
      {count !== null && <span className="muted small">of {count}</span>}
    </div>
  );
}
