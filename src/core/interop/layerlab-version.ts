import packageJson from '../../../package.json' with { type: 'json' };

/** The version written into every generated file's header. */
export const LAYERLAB_VERSION: string = packageJson.version;
