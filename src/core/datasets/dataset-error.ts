/**
 * Bad input in a data set: a corrupt or lying file, an unknown id, labels that don't match the samples.
 * The message names the file (and the array, line or entry) so the user can fix it; callers map it to exit code 2.
 */
export class DatasetError extends Error {
  readonly code = 'bad-input' as const;
  /** The file or folder at fault, when there is one. */
  readonly file?: string;
  /**
   * The message without any text quoted from the file (column names, cells, headers): what a host sends to its
   * renderer, so a page can never read a file through error messages. Equal to `message` when nothing is quoted.
   */
  readonly publicMessage: string;

  constructor(message: string, file?: string, publicMessage?: string) {
    super(message);
    this.name = 'DatasetError';
    this.file = file;
    this.publicMessage = publicMessage ?? message;
  }
}
