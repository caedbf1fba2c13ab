import type { TextClipboard } from '../store/system-clipboard';

/** A system clipboard for tests: holds one text, and can refuse reads or writes the way a browser does. */
export class FakeClipboard implements TextClipboard {
  text = '';
  denyRead = false;
  denyWrite = false;

  async writeText(text: string): Promise<void> {
    if (this.denyWrite) throw new Error('NotAllowedError: Write permission denied.');
    this.text = text;
  }

  async readText(): Promise<string> {
    if (this.denyRead) throw new Error('NotAllowedError: Read permission denied.');
    return this.text;
  }
}
