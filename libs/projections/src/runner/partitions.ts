import type { ViewTables } from '../store/generations.js';

/**
 * Patients are spread over a fixed number of partitions by a hash of their id, so several
 * projector processes can share the work while each patient's events stay with one of them, in
 * order. FNV-1a: cheap, stable across processes and versions.
 */
export function partitionOf(patientId: string, count: number): number {
  if (count <= 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < patientId.length; i++) {
    hash ^= patientId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/**
 * A partition's checkpoint key. With one partition it is the generation's own key (what a rebuild
 * writes), so a single projector and the rebuild share it; otherwise each partition has its own.
 */
export const partitionCheckpointKey = (tables: ViewTables, partition: number, count: number): string =>
  count <= 1 ? tables.checkpoint : `${tables.checkpoint}@${partition}/${count}`;

export const allPartitions = (count: number): number[] => Array.from({ length: Math.max(1, count) }, (_, i) => i);
