import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InteropError } from './interop-error';

/** One file of an export, named relative to the output folder. */
export interface ExportFile {
  name: string;
  contents: string | Uint8Array;
}

/**
 * Writes the files into `dir` (created if needed), each to a temp name first and then renamed, so an interrupted
 * export never leaves a half-written file under its real name.
 */
export async function writeExportFiles(dir: string, files: readonly ExportFile[]): Promise<string[]> {
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const file of files) {
      const target = path.join(dir, file.name);
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, file.contents);
      await rename(temp, target);
      written.push(target);
    }
  } catch (error) {
    // A folder that is a file, read-only or on a full disk is the user's to fix, not a crash.
    throw new InteropError(`Cannot write the export to ${dir}: ${(error as Error).message}`);
  }
  return written;
}
