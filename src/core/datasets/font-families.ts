/** The five classes of the built-in `fonts` set: clearly different families, each with the @fontsource files used. */
export interface FontFamilySpec {
  /** Class name shown to the user. */
  className: string;
  /** @fontsource package holding the WOFF files (a devDependency: only the generator reads them). */
  packageName: string;
  /**
   * WOFF files under the package's `files/` folder; an image picks one at random. Regular 400 only: with the bold
   * weights mixed in, the course's small CNN learned clearly slower (62.5 % vs 67.5 % validation after 2 epochs).
   */
  files: string[];
}

export const FONT_FAMILIES: readonly FontFamilySpec[] = [
  {
    className: 'serif (Merriweather)',
    packageName: '@fontsource/merriweather',
    files: ['merriweather-latin-400-normal.woff'],
  },
  {
    className: 'bold sans (Archivo Black)',
    packageName: '@fontsource/archivo-black',
    files: ['archivo-black-latin-400-normal.woff'],
  },
  {
    className: 'monospace (Roboto Mono)',
    packageName: '@fontsource/roboto-mono',
    files: ['roboto-mono-latin-400-normal.woff'],
  },
  {
    className: 'script (Dancing Script)',
    packageName: '@fontsource/dancing-script',
    files: ['dancing-script-latin-400-normal.woff'],
  },
  {
    className: 'condensed (Oswald)',
    packageName: '@fontsource/oswald',
    files: ['oswald-latin-400-normal.woff'],
  },
];

/**
 * Letters, digits and symbols drawn at random, like the course's mixed character set. Symbols that look alike in every
 * family (. - + = < > / ( ) *) are left out: they carry almost no font style and only add label noise.
 */
export const FONT_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&?@#$%';

/** Images per class in the shipped set: 2,790 = 558 × 5, as in the course. */
export const FONTS_PER_CLASS = 558;
