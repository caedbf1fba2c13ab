import { describe, expect, it } from 'vitest';
import { checkSocketRequest, hostAllowed, isLoopbackAddress, newToken, originAllowed, tokenMatches } from './auth';

describe('browser-mode access policy', () => {
  it('recognizes loopback peers only', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.2', '192.168.1.5', '::ffff:192.168.1.5', '0.0.0.0', '', undefined, '1270.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it('makes long, fresh tokens and compares them exactly', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(a, a.slice(1))).toBe(false);
    expect(tokenMatches(a, `${a}x`)).toBe(false);
    expect(tokenMatches(a, null)).toBe(false);
  });

  it('accepts only our own host and origin on our port', () => {
    expect(hostAllowed('127.0.0.1:5170', 5170)).toBe(true);
    expect(hostAllowed('LOCALHOST:5170', 5170)).toBe(true);
    expect(hostAllowed('evil.example:5170', 5170)).toBe(false);
    expect(hostAllowed('127.0.0.1:5171', 5170)).toBe(false);
    expect(originAllowed('http://127.0.0.1:5170', 5170)).toBe(true);
    expect(originAllowed('https://127.0.0.1:5170', 5170)).toBe(false);
    expect(originAllowed('null', 5170)).toBe(false);
    expect(originAllowed(undefined, 5170)).toBe(false);
  });

  it('checks the socket request in order: peer, host, origin, path, token', () => {
    const good = {
      remoteAddress: '127.0.0.1',
      host: '127.0.0.1:5170',
      origin: 'http://127.0.0.1:5170',
      url: '/ws?token=t0k',
    };
    const expected = { port: 5170, token: 't0k', path: '/ws' };
    expect(checkSocketRequest(good, expected)).toBeNull();
    expect(checkSocketRequest({ ...good, remoteAddress: '10.1.1.1' }, expected)?.reason).toMatch(/this machine/);
    expect(checkSocketRequest({ ...good, host: 'x:5170' }, expected)?.reason).toMatch(/Host/);
    expect(checkSocketRequest({ ...good, origin: 'http://x' }, expected)?.reason).toMatch(/Origin/);
    expect(checkSocketRequest({ ...good, url: '/other?token=t0k' }, expected)?.reason).toMatch(/path/);
    expect(checkSocketRequest({ ...good, url: '/ws?token=nope' }, expected)).toEqual({
      status: 401,
      reason: 'missing or wrong token',
    });
  });
});
