import { useApi, useCommands, useDialog, useDialogs, useProjects } from '../app-context';
import { CommandPalette } from '../commands/command-palette';
import { openExercise } from '../commands/exercise-commands';
import { ExerciseDialog } from '../exercises/exercise-dialog';
import { SaveAsExerciseDialog } from '../exercises/save-as-exercise-dialog';
import { TemplateDialog } from '../project/template-dialog';
import { ExportDialog } from '../training/export-dialog';
import { LayerReference } from './layer-reference';
import { Modal } from './modal';

/** A multi-line message: its first line as a sentence, the lines under it ("  - layer …") as a list. */
function MessageText(props: { text: string }) {
  const [first, ...rest] = props.text.split('\n');
  const items = rest.map((line) => line.replace(/^\s*-\s*/, '').trim()).filter((line) => line.length > 0);
  return (
    <div role="alert">
      <p>{first}</p>
      {items.length > 0 && (
        <ul className="message-list">
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The open dialog (DialogStore holds which): new project, layer reference, about, a question, the command palette. */
export function Dialogs() {
  const dialog = useDialog();
  const dialogs = useDialogs();
  const projects = useProjects();
  const api = useApi();
  const commands = useCommands();
  const close = () => dialogs.close();
  switch (dialog?.type) {
    case undefined:
      return null;
    case 'templates':
      return (
        <TemplateDialog
          onClose={close}
          onPick={(id) => {
            close();
            void projects.newProject(id);
          }}
        />
      );
    case 'exercises':
      return (
        <ExerciseDialog
          onClose={close}
          onOpen={(exercise) => {
            close();
            void openExercise(commands.context, exercise);
          }}
        />
      );
    case 'saveAsExercise':
      return <SaveAsExerciseDialog onClose={close} />;
    case 'reference':
      return <LayerReference onClose={close} />;
    case 'commandPalette':
      return <CommandPalette />;
    case 'exportModel':
      return <ExportDialog onClose={close} />;
    case 'message':
      return (
        <Modal
          title={dialog.title}
          onClose={close}
          footer={
            <button type="button" data-autofocus onClick={close}>
              Close
            </button>
          }
        >
          <MessageText text={dialog.message} />
        </Modal>
      );
    case 'about':
      return (
        <Modal
          title="About LayerLab"
          onClose={close}
          footer={
            <button type="button" onClick={close}>
              Close
            </button>
          }
        >
          <p>LayerLab: design neural networks as node graphs, train them on your own machine, and watch them learn.</p>
          <p className="muted">Runs on {api.platform === 'electron' ? 'the desktop app' : 'browser mode'}.</p>
        </Modal>
      );
    case 'confirm':
      return (
        <Modal
          title={dialog.title}
          onClose={() => dialogs.answer(false)}
          footer={
            <>
              <button type="button" data-autofocus onClick={() => dialogs.answer(false)}>
                Cancel
              </button>
              <button type="button" className="danger" onClick={() => dialogs.answer(true)}>
                {dialog.confirmLabel}
              </button>
            </>
          }
        >
          <p>{dialog.message}</p>
        </Modal>
      );
  }
}
