import { describe, expect, it } from 'vitest';
import { instructionsProblems } from './instructions-markdown';

describe('instructionsProblems', () => {
  it('accepts Markdown, comparisons, escaped brackets, code, embedded images and safe links', () => {
    const markdown = [
      '# Title',
      'Use **Dense** layers: a < b, 1 <2> 3 and \\<b> are text.',
      'Inline `<script>` code and [a link](https://example.org), [mail](mailto:t@example.org), [top](#title).',
      '```html',
      '<div>code</div>',
      '```',
      '![diagram](data:image/png;base64,iVBORw0KGgo=) <https://example.org>',
    ].join('\n');
    expect(instructionsProblems(markdown)).toEqual([]);
  });

  it('names raw HTML, remote or referenced images and unsafe links, with their lines', () => {
    const markdown = [
      'Hello <script>alert(1)</script>',
      '<!-- hidden -->',
      '![tracker](https://example.com/pixel.png)',
      '![ref][logo]',
      '[click](javascript:alert(1)) and <javascript:alert(1)>',
      '[logo]: file:///etc/passwd',
    ].join('\n');
    expect(instructionsProblems(markdown)).toEqual([
      'line 1: raw HTML (<script>) is not allowed, write Markdown instead',
      'line 2: raw HTML (<!--) is not allowed, write Markdown instead',
      'line 3: image "https://example.com/pixel.png" is not embedded: use a data:image/png;base64,… image (no remote images)',
      'line 4: reference-style images are not supported: embed the image inline as data:image/…',
      'line 5: link "javascript:alert(1" must start with https://, http://, mailto: or #',
      'line 5: link "javascript:alert(1)" must start with https://, http://, mailto: or #',
      'line 6: link "file:///etc/passwd" must start with https://, http://, mailto: or #',
    ]);
  });
});
