import { describe, expect, it } from 'vitest';
import {
  DATA_FILE_EXTENSIONS,
  DATA_IMPORTERS,
  extensionOf,
  importableSummary,
  importerFor,
  uploadAccept,
} from './importers';

describe('importer registry', () => {
  it('picks the importer by the file ending, whatever its case, and folders as image folders', () => {
    expect(importerFor('/data/data_with_labels.NPZ', false)).toBe('numpy');
    expect(importerFor('C:\\data\\x.npy', false)).toBe('numpy');
    expect(importerFor('points.tsv', false)).toBe('csv');
    expect(importerFor('/data/fonts', true)).toBe('image-folder');
    expect(importerFor('/data/fonts.zip', false)).toBeNull();
    expect(importerFor('/data/.npz', false)).toBeNull();
    expect(importerFor('/data/README', false)).toBeNull();
  });

  it('derives the upload accept list and the messages from the same entries', () => {
    const accepted = uploadAccept().split(',');
    for (const importer of DATA_IMPORTERS)
      for (const extension of importer.extensions) {
        expect(accepted).toContain(`.${extension}`);
        expect(importableSummary()).toContain(`.${extension}`);
        expect(importerFor(`file.${extension}`, false)).toBe(importer.id);
      }
    expect(accepted).toContain('.zip');
    expect(new Set(DATA_FILE_EXTENSIONS).size).toBe(DATA_FILE_EXTENSIONS.length);
    expect(extensionOf('a.b/c.TXT')).toBe('txt');
  });
});
