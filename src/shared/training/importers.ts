/**
 * The data importers, each described once. The Node side maps every id to its implementation
 * (src/core/datasets/import-file.ts, a `Record<ImporterId, …>`, so an entry without an importer fails to compile); the
 * upload accept list, the desktop file dialog's filters, the CLI help, the picker's tooltip and the "unsupported
 * type" message are all derived from this list.
 */
export const DATA_IMPORTERS = [
  {
    id: 'numpy',
    label: 'NumPy arrays',
    /** File name endings (lower case, no dot) this importer reads. */
    extensions: ['npz', 'npy'],
    description: "features and labels arrays (the course's data_with_labels.npz layout: arr_0 images, arr_1 labels)",
  },
  {
    id: 'csv',
    label: 'CSV table',
    extensions: ['csv', 'tsv', 'txt'],
    description: 'one sample per row, the label column last by default',
  },
  {
    id: 'image-folder',
    label: 'Image folder',
    /** A folder is not picked by its name: one sub-folder of images per class. */
    extensions: [],
    /** What the class folders may hold. */
    imageExtensions: ['png', 'jpg', 'jpeg'],
    /** Browsers upload files, not folders: the folder comes zipped and is unpacked on the server. */
    uploadExtension: 'zip',
    description: 'one sub-folder of images per class, named after the class',
  },
] as const;

export type ImporterId = (typeof DATA_IMPORTERS)[number]['id'];

type ImporterEntry = (typeof DATA_IMPORTERS)[number];
const IMAGE_FOLDER = DATA_IMPORTERS.find(
  (importer): importer is Extract<ImporterEntry, { id: 'image-folder' }> => importer.id === 'image-folder',
)!;

/** The lower-case ending of a file name without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Every data file ending an importer reads (folders aside). */
export const DATA_FILE_EXTENSIONS: readonly string[] = DATA_IMPORTERS.flatMap((importer) => importer.extensions);

/** Image file endings a class folder may hold. */
export const IMAGE_FILE_EXTENSIONS: readonly string[] = IMAGE_FOLDER.imageExtensions;

/** The ending of an upload that carries a folder of class folders. */
export const FOLDER_UPLOAD_EXTENSION: string = IMAGE_FOLDER.uploadExtension;

/** Which importer reads this path: a folder is an image folder, a file goes by its ending; null when none does. */
export function importerFor(path: string, isFolder: boolean): ImporterId | null {
  if (isFolder) return IMAGE_FOLDER.id;
  const extension = extensionOf(path);
  return DATA_IMPORTERS.find((importer) => (importer.extensions as readonly string[]).includes(extension))?.id ?? null;
}

/** `accept` for the browser's file input: every data file plus a zipped image folder. */
export function uploadAccept(): string {
  return [...DATA_FILE_EXTENSIONS, FOLDER_UPLOAD_EXTENSION].map((extension) => `.${extension}`).join(',');
}

/** ".npz, .npy, .csv, .tsv, .txt or a folder of class folders": what can be imported, for messages. */
export function importableSummary(): string {
  const files = DATA_FILE_EXTENSIONS.map((extension) => `.${extension}`).join(', ');
  return `${files} or a folder of class folders`;
}

/** One line per importer, for help texts: what it reads and how the data must be laid out. */
export function importerHelp(): string[] {
  const dotted = (extensions: readonly string[]) => extensions.map((extension) => `.${extension}`).join(', ');
  return DATA_IMPORTERS.map((importer) => {
    const reads =
      importer.id === IMAGE_FOLDER.id
        ? `a folder of ${dotted(IMAGE_FOLDER.imageExtensions)} files; uploaded as a .${IMAGE_FOLDER.uploadExtension}`
        : dotted(importer.extensions);
    return `${importer.label} (${reads}): ${importer.description}`;
  });
}
