import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleTree, merkleRoot } from '@vellum/db';

// The test vectors of RFC 6962's reference implementation (certificate-transparency,
// merkle_tree_test): roots of the first n of these leaves.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 Merkle tree hash', () => {
  const leaves = LEAVES.map((h) => Buffer.from(h, 'hex'));

  it.each(ROOTS.map((root, i) => [i + 1, root] as const))('matches the reference root of %i leaves', (n, root) => {
    expect(merkleRoot(leaves.slice(0, n))).toBe(root);
    const tree = new MerkleTree();
    for (const leaf of leaves.slice(0, n)) tree.push(leaf);
    expect(tree.root()).toBe(root);
  });

  it('gives SHA-256 of nothing for no leaves', () => {
    expect(new MerkleTree().root()).toBe(createHash('sha256').digest('hex'));
    expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'));
  });

  it('streams to the same root as the recursive definition for every size up to 70', () => {
    const many = Array.from({ length: 70 }, (_, i) => Buffer.from(`line ${i}`));
    const tree = new MerkleTree();
    for (let n = 1; n <= many.length; n++) {
      tree.push(many[n - 1]!);
      expect(tree.root()).toBe(merkleRoot(many.slice(0, n)));
      expect(tree.size).toBe(n);
    }
  });

  it('changes when one leaf changes or leaves swap', () => {
    const base = ['a', 'b', 'c', 'd', 'e'].map((s) => Buffer.from(s));
    const root = merkleRoot(base);
    expect(merkleRoot([...base.slice(0, 4), Buffer.from('E')])).not.toBe(root);
    expect(merkleRoot([base[1]!, base[0]!, ...base.slice(2)])).not.toBe(root);
  });
});
