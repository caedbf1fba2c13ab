/** Data sets on the Node side: built-in generators, the shipped fonts set, and importers (npz/npy, CSV, image folders). */
export { listBuiltinDatasets } from './builtin-datasets';
export { DatasetError } from './dataset-error';
export { describeDataset, previewDataset } from './dataset-cache';
export type { LoadedDataset, Split } from './loaded-dataset';
export { loadDataset, readDataset } from './load-dataset';
export { previewLoadedDataset } from './preview-dataset';
export { resourcesDir, setResourcesDir } from './resources-dir';
export { splitDataset, type SplitOptions } from './split-dataset';
