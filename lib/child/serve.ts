// The child end of lib/child/link.ts for a node child: read request frames
// from fd 3, hand each to a handler, write its answer frame (same id) to
// fd 4 in one write. The child exits when the parent closes fd 3.

import { Socket } from 'node:net';

import { encodeFrame, type Frame, FrameReader } from './frame.js';

/** An answer: its tag (ANSWER_OK or a failure tag) and payload parts. */
export interface ServedAnswer {
  tag: number;
  parts: readonly Uint8Array[];
}

/**
 * Serves requests until the parent goes away. A handler may answer at once
 * or with a promise; answers go out as they settle, so requests may overlap.
 */
export function serve(handler: (frame: Frame) => ServedAnswer | Promise<ServedAnswer>): void {
  let requests: Socket;
  let answers: Socket;
  try {
    requests = new Socket({ fd: 3, readable: true, writable: false });
    answers = new Socket({ fd: 4, readable: false, writable: true });
  } catch (error) {
    process.stderr.write(`${process.argv[1]}: start it through lib/child/link.ts, which gives it fd 3 and fd 4 (${(error as Error).message})\n`);
    process.exit(2);
  }
  const reader = new FrameReader();
  const send = (id: number, answer: ServedAnswer) => answers.write(encodeFrame(id, answer.tag, ...answer.parts));
  requests.on('data', (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) {
      const answer = handler(frame);
      if (answer instanceof Promise) answer.then((a) => send(frame.id, a));
      else send(frame.id, answer);
    }
  });
  // The parent is gone (or closed the link): nothing is left to answer.
  requests.on('end', () => process.exit(0));
  requests.on('error', () => process.exit(0));
}
