import { useEffect, useState } from 'react';
import { useProjects } from '../app-context';
import type { Recovery } from './project-controller';

/**
 * Offers the work an earlier session left unsaved, then starts autosaving. In that order: the autosave slot still
 * holds the old work until the user decides.
 */
export function RecoveryBanner() {
  const projects = useProjects();
  const [recovery, setRecovery] = useState<Recovery | null>(null);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void projects.findRecovery().then((doc) => {
      if (!live) return;
      if (doc) setRecovery(doc);
      stop = projects.startAutosave();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, [projects]);

  if (!recovery) return null;
  return (
    <div className="banner" role="alert">
      <span>
        Unsaved work from your last session was found ({recovery.graph.nodes.length} layers
        {recovery.exercise ? `, in the exercise “${recovery.exercise.exercise.title}”` : ''}).
      </span>
      <button
        type="button"
        className="primary"
        onClick={async () => {
          if (await projects.confirmDiscard('Recover the earlier work')) {
            projects.recover(recovery);
            setRecovery(null);
          }
        }}
      >
        Recover
      </button>
      <button
        type="button"
        onClick={() => {
          setRecovery(null);
          void projects.discardRecovery();
        }}
      >
        Discard
      </button>
    </div>
  );
}
