import { z } from 'zod';

/**
 * How projector processes share the work, from environment variables (API and worker). Every
 * process of one deployment must use the same partition count; a change is safe (a partition
 * without its own checkpoint starts from the lowest one there is) but replays from there.
 */
export const ProjectionEnv = z.object({
  PROJECTION_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
  PROJECTION_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /** A stable name (a pod's name): restarted under it, a projector takes its leases back at once. */
  PROJECTOR_NAME: z.string().max(100).regex(/^[A-Za-z0-9._:-]+$/, { message: 'letters, digits, ".", "_", ":" and "-" only' }).optional(),
});
export type ProjectionEnv = z.infer<typeof ProjectionEnv>;

export interface ProjectionSharing {
  readonly partitions: number;
  readonly leaseMs: number;
  /** PGlite can be opened by one process only: no other projector can exist, so no leases. */
  readonly exclusive: boolean;
  readonly owner?: string;
}

export const projectionSharingOf = (env: ProjectionEnv & { EVENT_STORE: string }): ProjectionSharing => ({
  partitions: env.EVENT_STORE === 'embedded' ? 1 : env.PROJECTION_PARTITIONS,
  leaseMs: env.PROJECTION_LEASE_MS,
  exclusive: env.EVENT_STORE === 'embedded',
  ...(env.PROJECTOR_NAME && { owner: env.PROJECTOR_NAME }),
});
