import type { BinaryToTextEncoding } from 'node:crypto';

/** The part of a Hash that Apollo uses. */
export interface ShimHash {
  update(data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding): ShimHash;
  digest(): Buffer;
  digest(encoding: BinaryToTextEncoding): string;
}

export function createHash(kind: string): ShimHash;
