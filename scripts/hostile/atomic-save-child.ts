/**
 * Saves a project over and over with the app's atomic write, alternating two contents, until it is killed: the
 * hostile review's atomic-save category kills it at random moments (see atomic-save.ts). Arguments: the path to
 * write, and two files holding the contents. Prints "ready" once the first save is done.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../src/core/services/atomic-write';

const [target, first, second] = process.argv.slice(2);
const contents = [readFileSync(first, 'utf8'), readFileSync(second, 'utf8')];
let turn = 0;
await writeFileAtomic(target, contents[turn++ % 2]);
process.stdout.write('ready\n');
for (;;) await writeFileAtomic(target, contents[turn++ % 2]);
