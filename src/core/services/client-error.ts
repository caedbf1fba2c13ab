import { basename } from 'node:path';

/**
 * What the renderer is told when a host call fails. The host's own errors (a bad data file, a refused path, an
 * invalid payload) are written for the user and pass through (a data error by its `publicMessage`, which quotes
 * nothing from the file); raw Node system errors are not (`EACCES: permission
 * denied, open '/home/…/.layerlab/web/autosave.layerlab.json.tmp-41-…'`): they become a sentence naming the file by
 * its base name, without the host's folders. Programming faults (TypeError, …) say only that something went wrong
 * inside LayerLab; their details go to the host's log.
 */

const SYSTEM_ERROR_TEXT: Record<string, string> = {
  ENOENT: 'does not exist (any more)',
  EACCES: 'cannot be accessed: permission denied',
  EPERM: 'cannot be changed: the operation is not permitted',
  EROFS: 'is on a read-only disk',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'is not inside a folder (a file is in the way)',
  EEXIST: 'already exists',
  ENOTEMPTY: 'is a folder that is not empty',
  ENOSPC: 'cannot be written: the disk is full',
  EDQUOT: 'cannot be written: the disk quota is used up',
  EMFILE: 'cannot be opened: too many files are open',
  ENFILE: 'cannot be opened: too many files are open',
  EBUSY: 'is busy (in use by another program)',
  ENAMETOOLONG: 'has a name that is too long',
  ELOOP: 'is a loop of symbolic links',
  EIO: 'could not be read or written: an input/output error',
  EFBIG: 'is too large',
  EXDEV: 'cannot be moved across disks',
};

/** Errors that mean a bug in LayerLab, never a problem the user can act on. */
const PROGRAMMING_ERRORS = new Set(['TypeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError']);

/** Node's system error text: `CODE: description, syscall 'path'` (optionally `-> 'dest'`). */
const RAW_SYSTEM_MESSAGE = /\b(E[A-Z]{2,15}): [^,'\n]+, [a-z_]+(?: '([^']*)')?(?: -> '([^']*)')?/g;

function describeSystemError(code: string, path: string | undefined): string {
  const what = path ? `“${basename(path)}”` : 'A file';
  const text = Object.hasOwn(SYSTEM_ERROR_TEXT, code) ? SYSTEM_ERROR_TEXT[code] : `could not be used (${code})`;
  return `${what} ${text}.`;
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!) &&
    typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/** Rewrites raw system error text embedded in a longer message (`Could not export …: ENOENT: …`). */
function scrubSystemMessages(message: string): string {
  return message.replace(RAW_SYSTEM_MESSAGE, (_match, code: string, path?: string) =>
    describeSystemError(code, path).replace(/\.$/, ''),
  );
}

export interface ClientError {
  /** What the renderer may show. */
  message: string;
  /** True for faults the user can't act on; the host should log the original error. */
  internal: boolean;
}

export function toClientError(error: unknown): ClientError {
  if (isSystemError(error)) return { message: describeSystemError(error.code, error.path), internal: false };
  if (!(error instanceof Error)) return { message: 'Something went wrong inside LayerLab.', internal: true };
  if (PROGRAMMING_ERRORS.has(error.name)) {
    return {
      message: `Something went wrong inside LayerLab (${error.name}); the details are in its log.`,
      internal: true,
    };
  }
  // A data error may quote the file (column names, cells) in `message`; the renderer gets the version that doesn't.
  const publicMessage = (error as { publicMessage?: unknown }).publicMessage;
  return {
    message: scrubSystemMessages(typeof publicMessage === 'string' ? publicMessage : error.message),
    internal: false,
  };
}
