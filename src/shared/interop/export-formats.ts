/**
 * The formats a model can be exported to, each described once. The Node side maps every id to its exporter
 * (src/core/interop/export-project.ts, a `Record<ExportFormat, …>`, so an entry without an exporter fails to compile);
 * `layerlab --help`, the export command's messages and the app's Export dialog list them from here, in this order.
 */
export const EXPORT_FORMATS = ['tfjs', 'pytorch', 'keras', 'onnx'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The name of each format as people say it: the Export dialog's choices and the command's description. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  tfjs: 'TensorFlow.js',
  pytorch: 'PyTorch',
  keras: 'Keras',
  onnx: 'ONNX',
};

/** One line per format, for help texts and the Export dialog. */
export const EXPORT_FORMAT_HELP: Record<ExportFormat, string> = {
  tfjs: 'TensorFlow.js layers model: model.json + weights.bin and the project file',
  pytorch: 'PyTorch: model.py (nn.Module) and train.py (one process or DistributedDataParallel ranks)',
  keras: 'TensorFlow/Keras: model.py (functional API) and train.py (one device, MirroredStrategy or multi-worker)',
  onnx: 'ONNX: the inference graph with its weights (opset 13), for ONNX Runtime and other engines',
};

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name);
}
