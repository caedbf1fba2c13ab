/**
 * A failure the user can act on, with a machine-readable code that becomes the `error` event's code
 * (`bad-input`, `invalid-graph`, `backend-unavailable`, `diverged`, ...). Anything else is an internal failure.
 */
export class EngineError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** Codes that mean "the input was wrong" (CLI exit code 2) rather than "the engine broke" (exit code 1). */
export const BAD_INPUT_CODES: ReadonlySet<string> = new Set(['bad-input', 'invalid-graph', 'backend-unavailable']);
