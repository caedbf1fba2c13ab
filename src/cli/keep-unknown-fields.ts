import { readFile } from 'node:fs/promises';
import { parseProjectFile, serializeProject, zProjectFile, type ProjectFile } from '../shared/graph/project-file';
import { carryUnknownFields } from '../shared/graph/unknown-fields';
import { writeFileAtomic } from '../core/services/atomic-write';

/**
 * The project file a command wrote from `original`'s known fields (the project of a run's --out folder, of an export)
 * gets `original`'s fields this version does not know back, where the objects that held them are in it too: a file
 * a newer LayerLab wrote keeps what it said through `layerlab train --out` and `layerlab export`.
 */
export async function keepUnknownFieldsIn(file: string, original: ProjectFile | undefined): Promise<void> {
  if (original === undefined) return;
  const written = parseProjectFile(await readFile(file, 'utf8'));
  if (!written.ok) return;
  if (carryUnknownFields(original, written.project, zProjectFile).length > 0)
    await writeFileAtomic(file, serializeProject(written.project));
}
