import { memo, useMemo, useState } from 'react';
import type { LayerKind } from '../../../shared/graph/model-graph';
import { getLayerDefinition, PALETTE } from '../../../shared/layers/catalogue';
import { useEditor, useEditorSelector, useViewport } from '../app-context';
import { kindColorStyle } from '../ui/kind-color';

/** The layer search box's id: Find a layer (`/`) focuses it. */
export const LAYER_SEARCH_ID = 'layer-search';

/** dataTransfer type a palette drag carries; the canvas accepts drops of this type only. */
export const LAYER_DRAG_TYPE = 'application/x-layerlab-kind';

const NO_MATCH = 3;

/** How well a kind matches the search text: 0 its name starts with it, 1 contains it, 2 its explanation does. */
function matchRank(kind: LayerKind, query: string): number {
  const def = getLayerDefinition(kind);
  const names = [def.displayName.toLowerCase(), kind.toLowerCase()];
  if (names.some((name) => name.startsWith(query))) return 0;
  if (names.some((name) => name.includes(query))) return 1;
  return def.explanation.toLowerCase().includes(query) ? 2 : NO_MATCH;
}

function firstSentence(text: string): string {
  const end = text.indexOf('. ');
  return end === -1 ? text : text.slice(0, end + 1);
}

/**
 * Layer kinds by category with a filter box; press a kind to add it after the selection (the canvas pans to it when
 * it lands out of view), Enter in the box adds the first match, or drag a kind onto the canvas.
 */
export const Palette = memo(function Palette() {
  const editor = useEditor();
  const viewport = useViewport();
  const [query, setQuery] = useState('');
  // An open exercise offers only its kinds.
  const offered = useEditorSelector((s) => s.constraints?.paletteKinds ?? null);
  const sections = useMemo(() => {
    const q = query.trim().toLowerCase();
    return PALETTE.map((section) => ({
      category: section.category,
      kinds: section.kinds.filter(
        (kind) => (offered === null || offered.has(kind)) && (!q || matchRank(kind, q) < NO_MATCH),
      ),
    })).filter((s) => s.kinds.length > 0);
  }, [query, offered]);
  // Enter adds the best match: a kind whose name starts with the text, then one whose name contains it, then one
  // whose explanation mentions it ("conv" is Conv2D, though Dense's explanation mentions convolutions).
  const firstMatch = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return undefined;
    const kinds = sections.flatMap((s) => s.kinds);
    return kinds.reduce<LayerKind | undefined>(
      (best, kind) => (best === undefined || matchRank(kind, q) < matchRank(best, q) ? kind : best),
      undefined,
    );
  }, [query, sections]);

  const add = (kind: LayerKind) => {
    const node = editor.addNodeAfterSelection(kind);
    if (!node) return; // refused by the open exercise, which said why
    editor.setStatus(`Added ${getLayerDefinition(kind).displayName} (${node.id}).`);
    viewport.reveal(node.id);
  };

  return (
    <nav className="palette" aria-label="Layer palette">
      <input
        id={LAYER_SEARCH_ID}
        className="palette-search"
        type="search"
        placeholder="Search layers…"
        aria-label="Search layers"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || !firstMatch || query.trim() === '') return;
          e.preventDefault();
          add(firstMatch);
        }}
        aria-describedby={firstMatch && query.trim() !== '' ? 'palette-enter-hint' : undefined}
      />
      {firstMatch && query.trim() !== '' && (
        <p id="palette-enter-hint" className="muted small palette-hint">
          Enter adds {getLayerDefinition(firstMatch).displayName}
        </p>
      )}
      {offered !== null && <p className="muted small palette-hint">The exercise's layers only.</p>}
      {sections.length === 0 &&
        (query.trim() === '' ? (
          <p className="empty-hint">This exercise adds no layers: change the ones on the canvas.</p>
        ) : (
          <p className="empty-hint">No layer matches “{query}”.</p>
        ))}
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
