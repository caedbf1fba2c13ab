/**
 * The rules for an exercise's instructions, checked when the file is read: Markdown only (no raw HTML, which could
 * carry scripts or styles into the app), no remote images (which would call out to a server whenever a student
 * opens the exercise; embed pictures as `data:image/png;base64,…`), and links only to web pages, mail addresses or
 * anchors. The app's renderer still escapes everything it does not render itself: this check only makes a bad file
 * fail early, with a message naming the line.
 */
export function instructionsProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = withoutCode(markdown).split('\n');
  lines.forEach((line, index) => {
    const at = `line ${index + 1}`;
    const html = RAW_HTML.exec(line);
    if (html) problems.push(`${at}: raw HTML (${html[0].slice(0, 40)}) is not allowed, write Markdown instead`);
    for (const image of line.matchAll(INLINE_IMAGE)) {
      const url = image[1];
      if (!EMBEDDED_IMAGE.test(url))
        problems.push(
          `${at}: image "${url.slice(0, 60)}" is not embedded: use a data:image/png;base64,… image (no remote images)`,
        );
    }
    if (REFERENCE_IMAGE.test(line))
      problems.push(`${at}: reference-style images are not supported: embed the image inline as data:image/…`);
    const links = [...line.matchAll(INLINE_LINK), ...line.matchAll(AUTOLINK)].map((match) => match[1]);
    const definition = LINK_DEFINITION.exec(line);
    if (definition) links.push(definition[1]);
    for (const url of links) {
      if (!SAFE_LINK.test(url))
        problems.push(`${at}: link "${url.slice(0, 60)}" must start with https://, http://, mailto: or #`);
    }
  });
  return problems;
}

/** A tag (`<b>`, `</div>`, `<img src=…>`), comment, declaration or processing instruction, unless escaped as `\<`. */
const RAW_HTML = /(?<!\\)<(?:\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|!--|![A-Za-z[]|\?)/;
/** `![alt](url "title")`: captures the URL. */
const INLINE_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]*)/g;
const EMBEDDED_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,/i;
/** `![alt][ref]` or `![ref][]`. */
const REFERENCE_IMAGE = /!\[[^\]]*\]\[[^\]]*\]/;
/** `[text](url)` not preceded by `!`: captures the URL. */
const INLINE_LINK = /(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)/g;
/** `<scheme:…>`: captures the whole URL. */
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>/g;
/** `[ref]: url`, the target of reference-style links. */
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/;
const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;

/**
 * The text with fenced code blocks and inline code spans blanked out (line breaks kept, so line numbers stay
 * right): `<b>` inside code is shown as text, not HTML.
 */
function withoutCode(markdown: string): string {
  const blanked = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, (block) =>
    block.replace(/[^\n]/g, ' '),
  );
  return blanked.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, (span) => span.replace(/[^\n]/g, ' '));
}
