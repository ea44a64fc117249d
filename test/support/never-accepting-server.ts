import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

/**
 * A loopback TCP port whose listener never accepts, so that a connect to it never completes: the kernel
 * holds at most `backlog + 1` finished handshakes for a listener that does not accept, and drops the SYN
 * of any further one (the client's connect then waits, retransmitting, until it gives up or times out).
 *
 * Node accepts every connection as soon as its event loop runs, so the listener lives in a worker thread
 * whose event loop is blocked (`Atomics.wait`) right after `listen()`: the socket listens, nothing
 * accepts. The queue is then filled with a few connections of our own, and `url` points at the port.
 */
export interface NeverAcceptingServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Ends the filler connections, wakes the worker, and waits for it to close the listener and exit. */
  close(): Promise<void>;
}

// The worker: listen with a backlog of 1 (0 would read as Node's default, 511), say the port, then block until told to stop.
const WORKER = `
const { createServer } = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const stop = new Int32Array(workerData.stop);
const server = createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  // Blocks this thread's event loop: the listening socket is never accepted from while this waits.
  while (Atomics.load(stop, 0) === 0) Atomics.wait(stop, 0, 0, 1000);
  server.close();
});
`;

/** How long a filler connect may take before the queue is taken as full. */
const FULL_AFTER_MS = 300;
/** More than the kernel queues for a backlog of 1. */
const MAX_FILLERS = 16;

/** Starts the listener and fills its queue; `close()` it when done. */
export async function startNeverAcceptingServer(): Promise<NeverAcceptingServer> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { eval: true, workerData: { stop: stop.buffer } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (value: number) => resolve(value));
    worker.once('error', reject);
  });
  const fillers: Socket[] = [];
  const close = async (): Promise<void> => {
    for (const socket of fillers) socket.destroy();
    Atomics.store(stop, 0, 1);
    Atomics.notify(stop, 0);
    await exited;
  };
  try {
    // Connect until one does not complete: the queue is full from then on.
    for (;;) {
      if (fillers.length >= MAX_FILLERS) throw new Error(`the listener took ${MAX_FILLERS} connections unaccepted`);
      const socket = connect({ port, host: '127.0.0.1' });
      socket.on('error', () => undefined);
      fillers.push(socket);
      const connected = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), FULL_AFTER_MS);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!connected) break;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, port, close };
}
