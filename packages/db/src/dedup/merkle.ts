/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency), section 2.1, with SHA-256:
 *
 *   MTH({})      = SHA-256()                                  (the empty string)
 *   MTH({d0})    = SHA-256(0x00 || d0)                        (a leaf)
 *   MTH(D[0:n])  = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of 2 < n
 *
 * The 0x00 / 0x01 prefixes keep a leaf from ever passing for an inner node. Computed in one
 * pass with a stack of perfect subtrees (a binary counter), folded right to left at the end,
 * which gives the same root as the recursive definition in O(log n) memory.
 */
import { createHash } from 'node:crypto';

export const MERKLE_ALGORITHM = 'rfc6962-sha256';

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function merkleLeafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

export class MerkleTree {
  /** Roots of perfect subtrees, largest (leftmost) first, with their sizes. */
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(data: Uint8Array): void {
    let node = { size: 1, hash: merkleLeafHash(data) };
    while (this.stack.length && this.stack[this.stack.length - 1]!.size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count++;
  }

  /** The root as lower-case hex. */
  root(): string {
    if (this.stack.length === 0) return createHash('sha256').digest('hex');
    let acc = this.stack[this.stack.length - 1]!.hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = nodeHash(this.stack[i]!.hash, acc);
    return acc.toString('hex');
  }
}

/** The root over `leaves` in order (the recursive definition, for checking and small inputs). */
export function merkleRoot(leaves: Uint8Array[]): string {
  const mth = (items: Uint8Array[]): Buffer => {
    if (items.length === 1) return merkleLeafHash(items[0]!);
    let k = 1;
    while (k * 2 < items.length) k *= 2;
    return nodeHash(mth(items.slice(0, k)), mth(items.slice(k)));
  };
  return leaves.length === 0 ? createHash('sha256').digest('hex') : mth(leaves).toString('hex');
}
