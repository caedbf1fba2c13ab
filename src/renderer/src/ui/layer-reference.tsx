import { getLayerDefinition, PALETTE } from '../../../shared/layers/catalogue';
import { Modal } from './modal';

/** Every layer's plain-language explanation and formula in one place (Help ▸ Layer reference). */
export function LayerReference(props: { onClose: () => void }) {
  return (
    <Modal
      title="Layer reference"
      onClose={props.onClose}
      wide
      footer={
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      }
    >
      {PALETTE.map((section) => (
        <section key={section.category}>
          <h3>{section.category}</h3>
          <dl className="reference">
            {section.kinds.map((kind) => {
              const def = getLayerDefinition(kind);
              return (
                <div key={kind}>
                  <dt>{def.displayName}</dt>
                  <dd>
                    <p>{def.explanation}</p>
                    {def.formula && <pre className="formula">{def.formula}</pre>}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </Modal>
  );
}
