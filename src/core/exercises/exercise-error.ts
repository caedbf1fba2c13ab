/**
 * A problem with the exercise or the files a check was asked to read (not with a student's model): unknown id,
 * unreadable or invalid exercise file, a data set the exercise cannot use. `code` maps it to the CLI's exit code 2.
 */
export class ExerciseError extends Error {
  readonly code = 'bad-input' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ExerciseError';
  }
}
