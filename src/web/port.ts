/** Default port of browser mode; LAYERLAB_PORT overrides it, 0 picks a free one. */
export const DEFAULT_PORT = 5170;

export function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LAYERLAB_PORT must be a whole number from 0 to 65535, got "${value}".`);
  }
  return port;
}
