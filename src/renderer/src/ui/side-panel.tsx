import { useEffect, useState } from 'react';
import { useEditorSelector } from '../app-context';
import { Inspector } from '../inspector/inspector';
import { ModelSummary } from '../summary/model-summary';

/** The right pane: the selected layer's inspector or the model summary, as tabs. */
export function SidePanel() {
  const [tab, setTab] = useState<'inspector' | 'summary'>('inspector');
  const selectedNodes = useEditorSelector((s) => s.selectedNodes);
  // Selecting a layer means "show me its settings".
  useEffect(() => {
    if (selectedNodes.size === 1) setTab('inspector');
  }, [selectedNodes]);
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Side panel">
        <button type="button" role="tab" aria-selected={tab === 'inspector'} onClick={() => setTab('inspector')}>
          Inspector
        </button>
        <button type="button" role="tab" aria-selected={tab === 'summary'} onClick={() => setTab('summary')}>
          Summary
        </button>
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'inspector' ? <Inspector /> : <ModelSummary />}
      </div>
    </>
  );
}
