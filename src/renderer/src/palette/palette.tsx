import { memo, useMemo, useState } from 'react';
import type { LayerKind } from '../../../shared/graph/model-graph';
import { getLayerDefinition, PALETTE } from '../../../shared/layers/catalogue';
import { useEditor } from '../app-context';
import { kindColorStyle } from '../ui/kind-color';

/** dataTransfer type a palette drag carries; the canvas accepts drops of this type only. */
export const LAYER_DRAG_TYPE = 'application/x-layerlab-kind';

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

/** Layer kinds by category with a filter box; press a kind to add it after the selection, or drag it onto the canvas. */
export const Palette = memo(function Palette() {
  const editor = useEditor();
  const [query, setQuery] = useState('');
  const sections = useMemo(() => {
    const q = query.trim().toLowerCase();
    return PALETTE.map((section) => ({
      category: section.category,
      kinds: section.kinds.filter((kind) => {
        if (!q) return true;
        const def = getLayerDefinition(kind);
        return (
          def.displayName.toLowerCase().includes(q) ||
          kind.toLowerCase().includes(q) ||
          def.explanation.toLowerCase().includes(q)
        );
      }),
    })).filter((s) => s.kinds.length > 0);
  }, [query]);

  const add = (kind: LayerKind) => {
    const node = editor.addNodeAfterSelection(kind);
    editor.setStatus(`Added ${getLayerDefinition(kind).displayName} (${node.id}).`);
  };

  return (
    <nav className="palette" aria-label="Layer palette">
      <input
        className="palette-search"
        type="search"
        placeholder="Search layers…"
        aria-label="Search layers"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {sections.length === 0 && <p className="empty-hint">No layer matches “{query}”.</p>}
      {sections.map((section) => (
        <section key={section.category} className="palette-section" aria-label={section.category}>
          <h3>{section.category}</h3>
          <div className="palette-items">
            {section.kinds.map((kind) => {
              const def = getLayerDefinition(kind);
              return (
                <button
                  key={kind}
                  type="button"
                  className="palette-item"
                  data-kind={kind}
                  draggable
                  title={`${firstSentence(def.explanation)}\nPress to add after the selected layer, or drag onto the canvas.`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(LAYER_DRAG_TYPE, kind);
                    e.dataTransfer.setData('text/plain', kind);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => add(kind)}
                >
                  <span className="kind-swatch" style={kindColorStyle(kind)} aria-hidden="true" />
                  {def.displayName}
                </button>
              );
            })}
          </div>
        </section>
      ))}
    </nav>
  );
});
