import { DomainError } from '@ot/domain';

/** Every adapter reports a failed optimistic check the same way, so callers retry on one code. */
export function versionConflict(streamId: string, expectedVersion: number, actualVersion: number): DomainError {
  return new DomainError('VERSION_CONFLICT', `${streamId} is at version ${actualVersion}, expected ${expectedVersion}`, {
    streamId,
    expectedVersion,
    actualVersion,
  });
}
