// Runs a utilityProcess entry (argv[2]) under plain Node the way Electron's utilityProcess.fork runs it: the parent
// is reached through `process.parentPort` only (no `process.send`), messages arrive as `{ data, ports }` events, and
// messages sent before the entry registers its 'message' handler wait in a queue, as Electron's port does until it
// is started. The test on the other side talks over file descriptor 3: 4-byte little-endian length, then the
// message as V8's structured serialization (what Electron's postMessage clones with).
import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';

if (typeof process.send === 'function') throw new Error('a utility process has no process.send');

const pipe = new Socket({ fd: 3, readable: true, writable: true });

class ParentPort extends EventEmitter {
  #queue = [];

  constructor() {
    super();
    // Electron starts the port when the first 'message' listener is added; until then messages wait.
    this.on('newListener', (event) => {
      if (event === 'message') void Promise.resolve().then(() => this.#flush());
    });
  }

  postMessage(message) {
    const body = serialize(message);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length, 0);
    pipe.write(Buffer.concat([header, body]));
  }

  receive(message) {
    this.#queue.push(message);
    this.#flush();
  }

  #flush() {
    while (this.listenerCount('message') > 0 && this.#queue.length > 0)
      this.emit('message', { data: this.#queue.shift(), ports: [] });
  }
}

const parentPort = new ParentPort();
Object.defineProperty(process, 'parentPort', { value: parentPort, enumerable: true });

let buffered = Buffer.alloc(0);
pipe.on('data', (chunk) => {
  buffered = Buffer.concat([buffered, chunk]);
  while (buffered.length >= 4) {
    const length = buffered.readUInt32LE(0);
    if (buffered.length < 4 + length) break;
    parentPort.receive(deserialize(buffered.subarray(4, 4 + length)));
    buffered = buffered.subarray(4 + length);
  }
});
// The parent went away: a utility process dies with its parent.
pipe.on('end', () => process.exit(0));

await import(pathToFileURL(process.argv[2]).href);
