/**
 * Bad input to an export or import (an invalid graph, an unsupported layer, a missing or short weight file): the
 * message names what is wrong. Its code is the engine's `bad-input`, so the CLI exits 2 and the app shows the message.
 */
export class InteropError extends Error {
  readonly code = 'bad-input';

  constructor(message: string) {
    super(message);
    this.name = 'InteropError';
  }
}
