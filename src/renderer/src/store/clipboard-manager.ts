import type { GraphFragment } from '../../../shared/graph/graph-edits';
import { parseClipboardText, serializeFragment } from './clipboard-fragment';

export type AdoptResult = { ok: true } | { ok: false; foreign: boolean; reason: string };

/**
 * The layers last copied, in memory and as the text written to the system clipboard. Where a paste lands is the
 * editor's business (beside the originals, see `pasteOffset`).
 */
export class ClipboardManager {
  private copied: GraphFragment | null = null;
  private text: string | null = null;

  /** Holds `fragment` as the copy (a copy of nothing is ignored); returns how many layers it has. */
  copy(fragment: GraphFragment): number {
    if (fragment.nodes.length === 0) return 0;
    this.copied = fragment;
    this.text = serializeFragment(fragment);
    return fragment.nodes.length;
  }

  /** The copy as JSON text for the system clipboard (see clipboard-fragment), or null before any copy. */
  get copiedText(): string | null {
    return this.text;
  }

  /** What a paste inserts, or null before any copy. */
  get fragment(): GraphFragment | null {
    return this.copied;
  }

  /**
   * Takes text read from the system clipboard (copied in this window, another one or another session). Our own last
   * copy changes nothing; other LayerLab layers are checked and become the copy;
   * anything else is refused, saying whether it was someone else's text or damaged layers.
   */
  adopt(text: string): AdoptResult {
    if (text === this.text) return { ok: true };
    const parsed = parseClipboardText(text);
    if (parsed.kind === 'foreign')
      return { ok: false, foreign: true, reason: 'The clipboard holds no LayerLab layers.' };
    if (parsed.kind === 'invalid') return { ok: false, foreign: false, reason: parsed.reason };
    this.copied = parsed.fragment;
    this.text = text;
    return { ok: true };
  }
}
