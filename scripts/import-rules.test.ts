import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of DESIGN.md, checked on the source text so it holds even if the lint step is skipped:
 * src/shared is pure; the renderer and preload reach the rest of the project only through src/shared.
 */
const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

const impure = /^(electron|react|react-dom|@xyflow\/|node:|fs$|path$|child_process$|os$|worker_threads$|@tensorflow\/)/;

function violations(area: string, forbidden: (spec: string, file: string) => boolean, base = root): string[] {
  const dir = join(base, area);
  try {
    statSync(dir);
  } catch {
    return [];
  }
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((spec) => forbidden(spec, file))
      .map((spec) => `${relative(root, file)} imports '${spec}'`),
  );
}

const outsideShared = (spec: string, file: string) => {
  if (spec.startsWith('.')) {
    const target = relative(root, join(file, '..', spec));
    return (
      !target.startsWith('src/shared') &&
      !target.startsWith(relative(root, join(file, '..')).split('/').slice(0, 2).join('/'))
    );
  }
  return /^(@tensorflow\/|node:|fs$|child_process$)/.test(spec);
};

describe('import rules', () => {
  it('src/shared imports no framework, Node built-in or tfjs', () => {
    expect(violations('src/shared', (spec) => impure.test(spec))).toEqual([]);
  });

  it('the renderer imports only src/shared (and its UI libraries)', () => {
    expect(violations('src/renderer', outsideShared)).toEqual([]);
  });

  it('the preload imports only src/shared and electron', () => {
    expect(violations('src/preload', outsideShared)).toEqual([]);
  });

  it('src/core (engine, datasets, services) imports no Electron and nothing of the shell, CLI, web or UI', () => {
    const shellOrUi = (spec: string, file: string) => {
      if (/^electron(\/|$)/.test(spec)) return true;
      if (!spec.startsWith('.')) return false;
      const target = relative(root, join(file, '..', spec));
      return /^src\/(main|cli|web|renderer|preload)(\/|$)/.test(target);
    };
    expect(violations('src/core', shellOrUi)).toEqual([]);
  });

  it('reports a violation when one exists', () => {
    // The checker itself must be able to fail: a scratch tree whose shared file imports Electron.
    const base = mkdtempSync(join(tmpdir(), 'layerlab-imports-'));
    mkdirSync(join(base, 'src/shared'), { recursive: true });
    writeFileSync(join(base, 'src/shared/bad.ts'), "import { app } from 'electron';\nexport const x = app;\n");
    writeFileSync(join(base, 'src/shared/good.ts'), "import { z } from 'zod';\nexport const y = z;\n");
    expect(violations('src/shared', (spec) => impure.test(spec), base)).toEqual(
      ["imports 'electron'"].map((tail) => `${relative(root, join(base, 'src/shared/bad.ts'))} ${tail}`),
    );
  });
});
