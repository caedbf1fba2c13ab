import { describe, expect, it } from 'vitest';
import { StatusManager } from './status-manager';

describe('StatusManager', () => {
  it('gives a repeated message a new identity, so the status line announces it again', () => {
    const status = new StatusManager();
    status.show('Copied 1 layer(s).');
    const first = status.current;
    status.show('Copied 1 layer(s).');
    expect(status.current).not.toBe(first);
    expect(status.current!.seq).toBeGreaterThan(first!.seq);
    expect(status.current).toMatchObject({ text: 'Copied 1 layer(s).', tone: 'info' });
  });

  it('keeps the tone and reports whether clearing removed anything', () => {
    const status = new StatusManager();
    expect(status.clear()).toBe(false);
    status.show('Connection refused', 'error');
    expect(status.current?.tone).toBe('error');
    expect(status.clear()).toBe(true);
    expect(status.current).toBeNull();
  });
});
