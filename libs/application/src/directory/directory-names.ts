import { Inject, Injectable } from '@nestjs/common';
import { type DirectoryLookup } from '#domain';
import { DirectoryReadModel } from '#projections';
import { SYSTEM_PRINCIPAL } from '../principal.js';

/**
 * Names for ids, looked up when a read is answered: case events name people and organisations by
 * id only, so a name corrected (or, later, erased) in the directory reads right everywhere.
 */
@Injectable()
export class DirectoryNames {
  constructor(@Inject(DirectoryReadModel) private readonly directory: DirectoryLookup) {}

  person(personId: string | null | undefined): string | null {
    if (personId === null || personId === undefined) return null;
    if (personId === SYSTEM_PRINCIPAL.personId) return SYSTEM_PRINCIPAL.name;
    return this.directory.person(personId)?.name ?? null;
  }

  organisation(organisationId: string | null | undefined): string | null {
    if (organisationId === null || organisationId === undefined) return null;
    return this.directory.organisation(organisationId)?.name ?? null;
  }
}
