import { describe, expect, it } from 'vitest';
import { DialogStore } from './dialog-store';

const question = { title: 'Discard unsaved changes?', message: 'Really?', confirmLabel: 'Discard changes' };

describe('DialogStore', () => {
  it('shows one dialog at a time and tells subscribers', () => {
    const dialogs = new DialogStore();
    let changes = 0;
    dialogs.subscribe(() => changes++);
    dialogs.open({ type: 'templates' });
    dialogs.open({ type: 'about' });
    expect(dialogs.getState()).toEqual({ type: 'about' });
    expect(dialogs.isOpen).toBe(true);
    dialogs.close();
    dialogs.close();
    expect(dialogs.getState()).toBeNull();
    expect(changes).toBe(3);
  });

  it('resolves a question with the answer given', async () => {
    const dialogs = new DialogStore();
    const asked = dialogs.confirm(question);
    expect(dialogs.getState()).toMatchObject({ type: 'confirm', title: question.title });
    dialogs.answer(true);
    await expect(asked).resolves.toBe(true);
    expect(dialogs.isOpen).toBe(false);
  });

  it('answers "no" when the question is closed or replaced, so no caller waits forever', async () => {
    const dialogs = new DialogStore();
    const closed = dialogs.confirm(question);
    dialogs.close();
    await expect(closed).resolves.toBe(false);

    const replacedByDialog = dialogs.confirm(question);
    dialogs.open({ type: 'commandPalette' });
    await expect(replacedByDialog).resolves.toBe(false);

    const first = dialogs.confirm(question);
    const second = dialogs.confirm({ ...question, title: 'Second' });
    await expect(first).resolves.toBe(false);
    dialogs.answer(true);
    await expect(second).resolves.toBe(true);
  });
});
