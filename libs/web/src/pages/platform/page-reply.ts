import { Inject, Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Principal } from '#application';
import { renderPage } from '#web';
import { DirectoryNames } from '#application';
import { DirectoryReadModel } from '#projections';
import '../session/page-request.js';
import { SessionStore } from '../session/session-store.js';
import { navigationFor, roleNames } from './navigation.js';

/** What every page template may use besides its own model. */
export interface PageFrame {
  readonly pageTitle: string;
  /** The navigation item that is current (its href). */
  readonly section?: string;
}

/**
 * Sends pages: the template over the one layout, with what every page shows (who is signed in, the
 * navigation for their roles, the form token, the message a previous step left), and redirects
 * after a form (303, so a reload never posts twice).
 */
@Injectable()
export class PageReply {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(SessionStore) private readonly sessions: SessionStore,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
  ) {
    this.names = new DirectoryNames(directory);
  }

  render(request: FastifyRequest, reply: FastifyReply, template: string, frame: PageFrame, model: object = {}, status = 200): void {
    this.send(reply, renderPage(template, { ...this.frameOf(request, frame), ...model }), status);
  }

  /** A page rendered elsewhere (the annual report's own renderer), given the frame by frameOf. */
  send(reply: FastifyReply, html: string, status = 200): void {
    void reply.code(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }

  redirect(reply: FastifyReply, location: string): void {
    void reply.code(303).header('location', location).send();
  }

  /** Leaves a message for the next page the person sees (a GOV.UK notification banner). */
  flash(request: FastifyRequest, message: string): void {
    const session = request.pageSession;
    if (session) request.pageSession = this.sessions.saveData(session, { ...session.data, flash: message });
  }

  frameOf(request: FastifyRequest, frame: PageFrame) {
    const principal: Principal | null = request.principal ?? null;
    const session = request.pageSession ?? null;
    let flash: string | null = null;
    if (session?.data.flash) {
      flash = session.data.flash;
      const { flash: _shown, ...rest } = session.data;
      request.pageSession = this.sessions.saveData(session, rest);
    }
    return {
      ...frame,
      csrfToken: session?.csrfToken ?? null,
      flash,
      user: principal && {
        name: principal.name,
        roles: roleNames(principal.roles),
        organisation: this.names.organisation(principal.organisationId),
      },
      navigation: principal ? navigationFor(principal, frame.section) : [],
    };
  }
}
