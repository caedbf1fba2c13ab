import { useEffect, useState } from 'react';
import { useEditorSelector, useExerciseState } from '../app-context';
import { ExercisePanel } from '../exercises/exercise-panel';
import { Inspector } from '../inspector/inspector';
import { ModelSummary } from '../summary/model-summary';

type Tab = 'exercise' | 'inspector' | 'summary';

/** The right pane as tabs: the open exercise's instructions and checklist, the selected layer's inspector, the summary. */
export function SidePanel() {
  const [tab, setTab] = useState<Tab>('inspector');
  const selectedNodes = useEditorSelector((s) => s.selectedNodes);
  const { exercise, checked } = useExerciseState();
  // Selecting a layer means "show me its settings".
  useEffect(() => {
    if (selectedNodes.size === 1) setTab('inspector');
  }, [selectedNodes]);
  // An exercise opened, or a check's result came in: show it.
  useEffect(() => {
    if (exercise !== null) setTab('exercise');
  }, [exercise, checked]);
  const shown = tab === 'exercise' && exercise === null ? 'inspector' : tab;
  const tabButton = (id: Tab, label: string) => (
    <button type="button" role="tab" aria-selected={shown === id} onClick={() => setTab(id)}>
      {label}
    </button>
  );
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Side panel">
        {exercise !== null && tabButton('exercise', 'Exercise')}
        {tabButton('inspector', 'Inspector')}
        {tabButton('summary', 'Summary')}
      </div>
      <div className="tab-panel" role="tabpanel">
        {shown === 'exercise' ? <ExercisePanel /> : shown === 'inspector' ? <Inspector /> : <ModelSummary />}
      </div>
    </>
  );
}
