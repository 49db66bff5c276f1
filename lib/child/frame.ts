// The framing of a child's requests and answers: a 12-byte header (payload
// length, request id, tag; each an unsigned 32-bit little-endian number)
// followed by exactly that many payload bytes. The C++ end is
// src-native/child/frame.h. Mirrors no Mesos file: it is the room's own wire.
//
// Rules: a frame goes out in one write; ids are chosen by the parent and
// echoed by the child; the tag is the protocol's own (an operation in a
// request; in an answer 0 is success and anything else a failure).

/** Bytes before a frame's payload. */
export const FRAME_HEADER = 12;

/** The largest payload a frame may carry (the C++ end refuses more). */
export const FRAME_MAX_PAYLOAD = 256 * 1024 * 1024;

/** An answer tag: the request succeeded. */
export const ANSWER_OK = 0;

/** One frame as read: `payload` is a view into the bytes received. */
export interface Frame {
  id: number;
  tag: number;
  payload: Uint8Array;
}

/**
 * A whole frame in one buffer. `parts` are copied after the header in
 * order, so a caller can prefix a payload without building it first.
 */
export function encodeFrame(id: number, tag: number, ...parts: Uint8Array[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  if (length > FRAME_MAX_PAYLOAD) throw new RangeError(`a frame payload of ${length} bytes is larger than ${FRAME_MAX_PAYLOAD}`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER + length);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(id >>> 0, 4);
  frame.writeUInt32LE(tag >>> 0, 8);
  let at = FRAME_HEADER;
  for (const part of parts) {
    frame.set(part, at);
    at += part.length;
  }
  return frame;
}

/**
 * Cuts a byte stream into frames. Chunks are kept as they arrive; bytes are
 * copied only when a frame spans chunks.
 */
export class FrameReader {
  #pending: Buffer | undefined;

  /** Adds received bytes and returns the frames now complete, in order. */
  push(chunk: Buffer): Frame[] {
    let data = this.#pending === undefined ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = undefined;
    const frames: Frame[] = [];
    let at = 0;
    while (data.length - at >= FRAME_HEADER) {
      const length = data.readUInt32LE(at);
      if (length > FRAME_MAX_PAYLOAD) throw new RangeError(`a frame announced ${length} payload bytes, more than ${FRAME_MAX_PAYLOAD}`);
      if (data.length - at - FRAME_HEADER < length) break;
      frames.push({
        id: data.readUInt32LE(at + 4),
        tag: data.readUInt32LE(at + 8),
        payload: data.subarray(at + FRAME_HEADER, at + FRAME_HEADER + length),
      });
      at += FRAME_HEADER + length;
    }
    if (at < data.length) {
      data = data.subarray(at);
      this.#pending = data;
    }
    return frames;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A list of strings as a payload: each a 32-bit little-endian byte length, then its UTF-8 bytes. */
export function encodeStrings(strings: readonly string[]): Uint8Array {
  const encoded = strings.map((s) => encoder.encode(s));
  const out = Buffer.allocUnsafe(encoded.reduce((n, e) => n + 4 + e.length, 0));
  let at = 0;
  for (const bytes of encoded) {
    out.writeUInt32LE(bytes.length, at);
    out.set(bytes, at + 4);
    at += 4 + bytes.length;
  }
  return out;
}

/** JSON text as a payload. */
export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** A payload of JSON text, parsed. */
export function decodeJson<T>(payload: Uint8Array): T {
  return JSON.parse(decoder.decode(payload)) as T;
}
