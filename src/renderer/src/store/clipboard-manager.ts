import type { GraphFragment } from '../../../shared/graph/graph-edits';
import { parseClipboardText, serializeFragment } from './clipboard-fragment';

/** Offset of pasted and duplicated layers, in flow units, so copies don't hide their originals. */
export const PASTE_OFFSET = 40;

export type AdoptResult = { ok: true } | { ok: false; foreign: boolean; reason: string };

/**
 * The layers last copied, in memory and as the text written to the system clipboard. Each paste of the same copy
 * lands one offset further, so repeated pastes fan out instead of stacking.
 */
export class ClipboardManager {
  private fragment: GraphFragment | null = null;
  private text: string | null = null;
  private pastes = 0;

  /** Holds `fragment` as the copy (a copy of nothing is ignored); returns how many layers it has. */
  copy(fragment: GraphFragment): number {
    if (fragment.nodes.length === 0) return 0;
    this.fragment = fragment;
    this.text = serializeFragment(fragment);
    this.pastes = 0;
    return fragment.nodes.length;
  }

  /** The copy as JSON text for the system clipboard (see clipboard-fragment), or null before any copy. */
  get copiedText(): string | null {
    return this.text;
  }

  /** What to paste now and how far to shift it, or null before any copy. */
  nextPaste(): { fragment: GraphFragment; offset: number } | null {
    if (!this.fragment) return null;
    this.pastes++;
    return { fragment: this.fragment, offset: PASTE_OFFSET * this.pastes };
  }

  /**
   * Takes text read from the system clipboard (copied in this window, another one or another session). Our own last
   * copy changes nothing, so pasting it keeps fanning out; other LayerLab layers are checked and become the copy;
   * anything else is refused, saying whether it was someone else's text or damaged layers.
   */
  adopt(text: string): AdoptResult {
    if (text === this.text) return { ok: true };
    const parsed = parseClipboardText(text);
    if (parsed.kind === 'foreign')
      return { ok: false, foreign: true, reason: 'The clipboard holds no LayerLab layers.' };
    if (parsed.kind === 'invalid') return { ok: false, foreign: false, reason: parsed.reason };
    this.fragment = parsed.fragment;
    this.text = text;
    this.pastes = 0;
    return { ok: true };
  }
}
