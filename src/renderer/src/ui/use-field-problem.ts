import { useEffect } from 'react';
import { useEditor } from '../app-context';

/**
 * Tells the editor store that the field `key` holds text that is not a valid value (`message`, a sentence naming
 * the field) or no longer does (null), so Train says why it is refused. Cleared when the field goes away, since its
 * unapplied text goes with it.
 */
export function useFieldProblem(key: string, message: string | null): void {
  const editor = useEditor();
  useEffect(() => {
    editor.setFieldProblem(key, message);
  }, [editor, key, message]);
  useEffect(() => () => editor.setFieldProblem(key, null), [editor, key]);
}
