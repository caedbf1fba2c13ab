// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { Instructions } from './instructions';

afterEach(cleanup);

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('Instructions', () => {
  it('renders Markdown as elements: headings, emphasis, lists, code, safe links, embedded pictures', () => {
    const { container } = render(
      <Instructions
        markdown={`# Task\n\nBuild a **hidden layer**.\n\n- one\n- two\n\n\`units\` [seminar](https://example.org/x) ![net](${PIXEL})`}
      />,
    );
    expect(container.querySelector('h1')?.textContent).toBe('Task');
    expect(container.querySelector('strong')?.textContent).toBe('hidden layer');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('code')?.textContent).toBe('units');
    const link = container.querySelector('a')!;
    expect([link.getAttribute('href'), link.getAttribute('rel')]).toEqual([
      'https://example.org/x',
      'noreferrer noopener',
    ]);
    expect(container.querySelector('img')?.getAttribute('src')).toBe(PIXEL);
  });

  it('drops raw HTML, remote images and script links: nothing in a file can run or fetch', () => {
    const { container } = render(
      <Instructions
        markdown={
          '<script>window.hacked = 1</script><b onclick="x()">bold</b>\n\n<img src="https://evil.example/t.png">\n\n' +
          '![tracker](https://evil.example/pixel.png) [run](javascript:alert(1)) [file](file:///etc/passwd)'
        }
      />,
    );
    expect(container.querySelector('script, b, iframe')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('[image left out: tracker]');
    expect([...container.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([]);
    expect(container.innerHTML).not.toMatch(/evil\.example|javascript:|file:/);
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });
});
