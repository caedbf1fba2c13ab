import { memo } from 'react';
import Markdown, { defaultUrlTransform, type Components, type UrlTransform } from 'react-markdown';

/** Images only when embedded in the file; links only to web pages, mail addresses and anchors. */
const EMBEDDED_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,/i;
const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;

/**
 * The exercise file's rules (instructions-markdown.ts) enforced again where the text is shown, so a file that
 * slipped past them still cannot reach out: a remote image or an unsafe link loses its URL.
 */
export const instructionsUrl: UrlTransform = (url, key, node) => {
  if (node.tagName === 'img') return key === 'src' && EMBEDDED_IMAGE.test(url) ? url : '';
  return SAFE_LINK.test(url) ? defaultUrlTransform(url) : '';
};

const COMPONENTS: Components = {
  // A picture without a source would show a broken-image icon: say what was left out instead.
  img: ({ src, alt }) =>
    src ? (
      <img src={String(src)} alt={alt ?? ''} />
    ) : (
      <span className="muted">[image left out: {alt || 'no text'}]</span>
    ),
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

/**
 * An exercise's instructions, Markdown rendered with react-markdown: React elements, never an HTML string, and raw
 * HTML in the text is dropped (`skipHtml`), so nothing in an exercise file can run script or restyle the app.
 */
export const Instructions = memo(function Instructions(props: { markdown: string }) {
  return (
    <div className="exercise-instructions">
      <Markdown skipHtml urlTransform={instructionsUrl} components={COMPONENTS}>
        {props.markdown}
      </Markdown>
    </div>
  );
});
