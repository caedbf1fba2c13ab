import { spawn } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishInterruptedWrite, writeFileAtomic } from '../../src/core/services/atomic-write';
import { PROJECT_FORMAT, PROJECT_VERSION, serializeProject } from '../../src/shared/graph/project-file';
import { mulberry32 } from '../../src/shared/seeded-random';
import { getTemplate } from '../../src/shared/templates';
import { CategoryResult, within } from './category';

const CHILD = fileURLToPath(new URL('./atomic-save-child.ts', import.meta.url));

/**
 * Kills (SIGKILL) a process in the middle of saving a project with the app's atomic write, at seeded random moments,
 * through a plain file, a symbolic link and a file with a second hard link. After each kill the project must be the
 * old or the new version, whole, once it is next read (reading finishes a hard-linked file's in-place copy that the kill
 * cut short), with its permissions (600) and its link kept. Temp files left by the kills must be gone after the next
 * save once they are stale.
 */
export async function killDuringSaves(options: { seed: number; kills: number }): Promise<CategoryResult> {
  const result = new CategoryResult('kills during atomic save');
  const random = mulberry32(options.seed);
  const work = mkdtempSync(join(tmpdir(), 'layerlab-hostile-save-'));
  const cnn = getTemplate('cnn')!;
  // About 2 MB each, so that kills land inside writes as well as between them.
  const versions = ['first', 'second'].map((name) =>
    serializeProject({
      format: PROJECT_FORMAT,
      version: PROJECT_VERSION,
      graph: { ...cnn.graph, nodes: cnn.graph.nodes.map((n) => ({ ...n, label: `${name}` })) },
      training: cnn.training,
      dataset: cnn.dataset,
      task: cnn.task,
      notes: name.repeat(400_000),
    } as never),
  );
  const sources = versions.map((text, i) => {
    const file = join(work, `version-${i}.txt`);
    writeFileSync(file, text);
    return file;
  });
  let finishedOnRead = 0;
  const kinds = ['plain', 'symlink', 'hardlink'] as const;
  try {
    for (let kill = 0; kill < options.kills; kill++) {
      const kind = kinds[kill % kinds.length];
      const dir = mkdtempSync(join(work, `${kind}-`));
      const real = join(dir, 'net.layerlab.json');
      writeFileSync(real, versions[0]);
      chmodSync(real, 0o600);
      let target = real;
      if (kind === 'symlink') {
        target = join(dir, 'link.layerlab.json');
        symlinkSync('net.layerlab.json', target);
      } else if (kind === 'hardlink') linkSync(real, join(dir, 'other-name.layerlab.json'));

      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, target, ...sources], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const ready = await within(
        30_000,
        new Promise<boolean>((resolve) => {
          child.stdout.once('data', () => resolve(true));
          void exited.then(() => resolve(false));
        }),
      );
      result.tried();
      if (ready !== true) {
        result.crash(`the saving process did not start (${kind}): ${stderr.slice(-300)}`);
        child.kill('SIGKILL');
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 400)));
      child.kill('SIGKILL');
      await exited;

      // Opening the project (or saving it) first finishes a hard-linked save that was cut short during its copy.
      const cutShort = !versions.includes(readFileSync(real, 'utf8'));
      await finishInterruptedWrite(target);
      const text = readFileSync(real, 'utf8');
      if (!versions.includes(text))
        result.fail(`${kind}: the project is cut at ${text.length} of ${versions[0].length} chars after a kill`);
      else if (cutShort) finishedOnRead++;
      const temps = readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.pending'));
      if ((statSync(real).mode & 0o777) !== 0o600)
        result.fail(`${kind}: permissions widened to ${(statSync(real).mode & 0o777).toString(8)}`);
      if (kind === 'symlink' && !lstatSync(target).isSymbolicLink())
        result.fail('the symbolic link was replaced by a file');
      if (kind === 'hardlink' && statSync(real).nlink !== 2) result.fail('the hard link was broken');

      // The next save cleans up the kill's temp files once they are stale (an hour old).
      const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
      for (const name of temps) utimesSync(join(dir, name), old, old);
      await writeFileAtomic(target, versions[1]);
      const left = readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.pending'));
      if (left.length > 0) result.fail(`${kind}: temp files left after the next save: ${left.join(', ')}`);
      if (readFileSync(real, 'utf8') !== versions[1]) result.fail(`${kind}: the save after the kill did not write`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  result.figures.push(
    `${finishedOnRead} hard-linked saves cut short by the kill and finished when the project was next read`,
  );
  return result;
}
