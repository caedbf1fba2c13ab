import { basename } from 'node:path';

/**
 * A name from the page (an upload, an export's name) as a file name on this machine: letters, digits, dot, dash and
 * underscore only, no leading dot, at most 120 characters.
 */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'upload';
}
