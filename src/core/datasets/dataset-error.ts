/**
 * Bad input in a data set: a corrupt or lying file, an unknown id, labels that don't match the samples.
 * The message names the file (and the array, line or entry) so the user can fix it; callers map it to exit code 2.
 */
export class DatasetError extends Error {
  readonly code = 'bad-input' as const;
  /** The file or folder at fault, when there is one. */
  readonly file?: string;

  constructor(message: string, file?: string) {
    super(message);
    this.name = 'DatasetError';
    this.file = file;
  }
}
