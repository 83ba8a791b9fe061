import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Authenticate, principalOf, type Principal } from '#application';
import { APP_SETTINGS, type AppSettings } from '#config';
import { BOOTSTRAP_ADMIN, isBootstrapToken } from '#http';
import { DirectoryReadModel } from '#projections';
import { type PageSession } from './session-store.js';

const fingerprint = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 32);
const tokenHashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Who proved what when signing in: what a session keeps instead of the credential itself. */
export interface SignedInPerson {
  readonly principal: Principal;
  /** `token:<fingerprint of the token's hash>` or `bootstrap:<fingerprint>`; an OpenID Connect adapter would add `oidc:<issuer>#<subject>`. */
  readonly credential: string;
}

/**
 * Where a web session becomes a principal, and a sign-in becomes a session. A token is checked by
 * the same query the API's bearer authentication asks (Authenticate: the directory's token hashes,
 * then principalOf), so the API and the pages accept exactly the same people. A session is the
 * person again (principalOf, so someone deactivated is signed out at once) while the credential it
 * was opened with still holds: a rotated token ends the sessions it opened. A second way of signing
 * in (OpenID Connect) is another credential kind here, resolved through principalOf too.
 */
@Injectable()
export class SessionPrincipals {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(DirectoryReadModel) private readonly directory: DirectoryReadModel,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
  ) {}

  /** The person a token stands for, with what the session will keep to recognise it; null when it stands for nobody. */
  async signIn(token: string): Promise<SignedInPerson | null> {
    if (isBootstrapToken(token, this.settings.bootstrapAdminToken)) return { principal: BOOTSTRAP_ADMIN, credential: `bootstrap:${fingerprint(token)}` };
    const principal: Principal | null = await this.queries.execute(new Authenticate(token));
    if (principal === null) return null;
    return { principal, credential: `token:${fingerprint(tokenHashOf(token))}` };
  }

  /** The principal a live session stands for now; null when the person or the credential is no longer good. */
  resolve(session: PageSession): Principal | null {
    const [kind, proof] = session.credential.split(':');
    if (kind === 'bootstrap') {
      const secret = this.settings.bootstrapAdminToken;
      return session.personId === BOOTSTRAP_ADMIN.personId && secret !== null && proof === fingerprint(secret) ? BOOTSTRAP_ADMIN : null;
    }
    if (kind !== 'token') return null;
    const person = this.directory.person(session.personId);
    if (!person || person.tokenHash === null || fingerprint(person.tokenHash) !== proof) return null;
    return principalOf(person);
  }
}
