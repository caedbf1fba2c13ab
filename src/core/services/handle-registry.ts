import { randomUUID } from 'node:crypto';

/**
 * Opaque handles for files the user picked, so the renderer never holds (or forges) a path: it can only name a
 * file main already knows about. One handle per path for the life of the process.
 */
export class HandleRegistry {
  private readonly pathsByHandle = new Map<string, string>();
  private readonly handlesByPath = new Map<string, string>();

  handleFor(path: string): string {
    let handle = this.handlesByPath.get(path);
    if (!handle) {
      handle = randomUUID();
      this.handlesByPath.set(path, handle);
      this.pathsByHandle.set(handle, path);
    }
    return handle;
  }

  /** The path behind a handle, or undefined for a handle main never issued. */
  pathFor(handle: string): string | undefined {
    return this.pathsByHandle.get(handle);
  }
}
