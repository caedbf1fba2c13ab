import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the browser-mode server: only this machine (loopback peer), only through the server's own
 * host name (defeats DNS rebinding), only from the page the server served (Origin), and only with the launch
 * token. Each check is a pure function so the policy is tested without sockets.
 */

/** 32 random bytes, URL-safe: unguessable, and new on every launch. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Constant-time comparison, so the token can't be recovered from response timing. */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host values a browser sends when it really is talking to us on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

export function hostAllowed(host: string | undefined, port: number): boolean {
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/** The Origin must be the server's own: another site open in the same browser can't reach the socket. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return typeof origin === 'string' && allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

export type Refusal = { status: 401 | 403; reason: string };

/** Checks a WebSocket upgrade; null when the connection may proceed. */
export function checkSocketRequest(
  request: {
    remoteAddress: string | undefined;
    host: string | undefined;
    origin: string | undefined;
    url: string | undefined;
  },
  expected: { port: number; token: string; path: string },
): Refusal | null {
  if (!isLoopbackAddress(request.remoteAddress))
    return { status: 403, reason: 'only connections from this machine are accepted' };
  if (!hostAllowed(request.host, expected.port))
    return { status: 403, reason: `unexpected Host header ${request.host ?? '(none)'}` };
  if (!originAllowed(request.origin, expected.port))
    return { status: 403, reason: `foreign Origin ${request.origin ?? '(none)'}` };
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname !== expected.path) return { status: 403, reason: `unknown path ${url.pathname}` };
  if (!tokenMatches(expected.token, url.searchParams.get('token')))
    return { status: 401, reason: 'missing or wrong token' };
  return null;
}
