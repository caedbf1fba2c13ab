import { useEffect } from 'react';
import { useApi, useEditorSelector, useProjectDirty, useTrainingState } from '../app-context';
import { activeRun } from '../training/training-session';

/**
 * Shows unsaved changes in the window title ("• name — LayerLab") and tells the host about them and about a run in
 * progress, so closing the window can ask first.
 */
export function useUnsavedChanges(): void {
  const api = useApi();
  const dirty = useProjectDirty();
  const name = useEditorSelector((s) => s.project.name);
  const training = activeRun(useTrainingState()) !== null;
  useEffect(() => {
    api.app.setDirtyState({ unsavedChanges: dirty, training });
  }, [api, dirty, training]);
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name} — LayerLab`;
  }, [dirty, name]);
}
