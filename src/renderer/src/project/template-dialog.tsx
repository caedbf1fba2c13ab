import { countOf } from '../../../shared/text/plural';
import { TEMPLATES } from '../../../shared/templates';
import { Modal } from '../ui/modal';

/** The course's three come first in TEMPLATES; they get a badge so students find them. */
const COURSE_IDS = new Set(['logistic-regression', 'feed-forward', 'cnn']);

/** "New project": pick a template (the course's three first) or start empty. */
export function TemplateDialog(props: { onPick: (templateId: string | null) => void; onClose: () => void }) {
  return (
    <Modal
      title="New project"
      onClose={props.onClose}
      wide
      footer={
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      }
    >
      <ul className="template-list">
        {TEMPLATES.map((t, i) => (
          <li key={t.id}>
            <button
              type="button"
              className="template-item"
              onClick={() => props.onPick(t.id)}
              {...(i === 0 ? { 'data-autofocus': true } : {})}
            >
              <span className="template-name">
                {t.name}
                {COURSE_IDS.has(t.id) && <span className="badge">course</span>}
              </span>
              <span className="template-description">{t.description}</span>
              <span className="muted small">
                {countOf(t.graph.nodes.length, 'layer')} · {t.dataset.kind === 'builtin' ? t.dataset.id : 'file'} data ·{' '}
                {t.task}
              </span>
            </button>
          </li>
        ))}
        <li>
          <button type="button" className="template-item" onClick={() => props.onPick(null)}>
            <span className="template-name">Empty project</span>
            <span className="template-description">A blank canvas: drag layers from the palette.</span>
          </button>
        </li>
      </ul>
    </Modal>
  );
}
