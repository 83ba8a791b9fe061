import { ForbiddenError, NotAllowedInStateError } from '#core';
import { maySeeCase, maySeeCdgMaterial, type Viewer } from './case-visibility.js';
import { disputeView } from './dispute-view.js';
import { command } from './testing/commands.js';
import { ACTORS, DisputeScenario } from './testing/dispute-scenario.js';
import { typesOf } from './testing/events.js';

const partnerOf = (organisationId: string, personId = `${organisationId}-officer`): Viewer => ({ personId, roles: ['partner'], organisationId });
const person = (personId: string, ...roles: Viewer['roles']): Viewer => ({ personId, roles, organisationId: null });

const VIEWERS = {
  complainant: partnerOf('charity'),
  respondent: partnerOf('council'),
  stranger: partnerOf('other'),
  secretariat: person('secretariat-1', 'secretariat'),
  chair: person('cdg-chair', 'chair'),
  auditor: person('auditor-1', 'auditor'),
  mediator: person('mediator', 'mediator'),
  otherMediator: person('mediator-2', 'mediator'),
};

describe('who may see CDG-only material', () => {
  /** In mediation, with a note for the parties and one for the CDG only. */
  const withNotes = () =>
    new DisputeScenario()
      .upTo('cdg.mediation')
      .step('respondent', 'add-note', { text: 'Meeting moved to Friday' })
      .step('secretariat', 'add-note', { text: 'The council officer is under investigation', visibility: 'cdg' });

  it.each([
    ['complainant', false],
    ['respondent', false],
    ['stranger', false],
    ['secretariat', true],
    ['chair', true],
    ['auditor', true],
    ['mediator', true],
    ['otherMediator', false],
  ] as const)('%s: %s', (who, sees) => {
    expect(maySeeCdgMaterial(withNotes().context, VIEWERS[who])).toBe(sees);
  });

  it('shows a party the notes for the parties only; the secretariat, the chair, the auditor and the mediator see the CDG note too', () => {
    const s = withNotes();
    const texts = (who: keyof typeof ACTORS) => disputeView(s.current, ACTORS[who], s.at).notes.map((n) => n.text);
    expect(texts('complainant')).toEqual(['Meeting moved to Friday']);
    expect(texts('respondent')).toEqual(['Meeting moved to Friday']);
    for (const who of ['secretariat', 'chair', 'auditor', 'mediator'] as const) {
      expect(texts(who)).toEqual(['Meeting moved to Friday', 'The council officer is under investigation']);
    }
  });

  it('judges a person with several roles by all of them (a partner who also chairs the CDG)', () => {
    const s = withNotes();
    const partnerAndChair: Viewer = { personId: 'council-officer', roles: ['partner', 'chair'], organisationId: 'council' };
    expect(maySeeCdgMaterial(s.context, partnerAndChair)).toBe(true);
    expect(disputeView(s.current, ACTORS.respondent, s.at, maySeeCdgMaterial(s.context, partnerAndChair)).notes).toHaveLength(2);
  });

  it('is no longer shown to a mediator once mediation ends: only current appointees see it', () => {
    const s = withNotes().step('mediator', 'end-mediation');
    expect(maySeeCase(s.context, VIEWERS.mediator)).toBe(true);
    expect(maySeeCdgMaterial(s.context, VIEWERS.mediator)).toBe(false);
  });
});

describe('who may see a case', () => {
  it('loses an appointee removed by a declared conflict from that event on; one who stood down in the ordinary course keeps it', () => {
    const conflicted = new DisputeScenario().upTo('cdg.mediation');
    expect(maySeeCase(conflicted.context, VIEWERS.mediator)).toBe(true);
    conflicted.step('mediator', 'declare-conflict');
    expect(maySeeCase(conflicted.context, VIEWERS.mediator)).toBe(false);

    const ended = new DisputeScenario().upTo('cdg.mediation').step('mediator', 'end-mediation');
    expect(maySeeCase(ended.context, VIEWERS.mediator)).toBe(true);
  });

  it('loses the whole panel when the chair upholds an objection to one member', () => {
    const s = new DisputeScenario().upTo('cdg.panel.hearing');
    s.step('respondent', 'object-to-appointment', { personId: 'vcs-panelist' });
    s.step('chair', 'rule-on-objection', { personId: 'vcs-panelist', upheld: true });
    for (const id of ['panel-chair', 'statutory-panelist', 'vcs-panelist']) expect(maySeeCase(s.context, person(id, 'panelist'))).toBe(false);
    // Re-appointed, an innocent member sees the case again.
    s.step('secretariat', 'appoint-panel', { vcsMemberId: 'vcs-panelist-2' });
    expect(maySeeCase(s.context, person('panel-chair', 'panelist'))).toBe(true);
  });

  it('lets an organisation that owns an agreed action but is no party see the case', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion');
    expect(maySeeCase(s.context, VIEWERS.stranger)).toBe(false);
    s.step('complainant', 'agree-resolution', { actions: [{ description: 'Host the meeting', ownerId: 'other', dueDate: '2026-04-30' }] });
    expect(maySeeCase(s.context, VIEWERS.stranger)).toBe(true);
  });
});

describe('completing an agreed action', () => {
  /** R1 for another body (not a party), R2 for the council. */
  const withOutsideOwner = () =>
    new DisputeScenario().upTo('cdg.panel.deliberation').step('panelChair', 'issue-findings', {
      recommendations: [
        { description: 'Host a joint workshop', ownerId: 'other', dueDate: '2026-05-29' },
        { description: 'Reinstate the grant', ownerId: 'council', dueDate: '2026-06-30' },
      ],
    });

  it('lets an owner who is not a party complete its action (a recommendation to another body)', () => {
    const s = withOutsideOwner().step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
    expect(s.state).toBe('actionsOpen');
    expect(disputeView(s.current, ACTORS.stranger, s.at).allowed).toContain('complete-action');
    expect(typesOf(s.run('stranger', command('complete-action', { actionId: 'R1', evidence: 'Workshop held' })))).toEqual(['ActionCompleted']);
  });

  it('refuses a party that owns none of the actions with 403 (you may not), not 409 (not now)', () => {
    const s = withOutsideOwner().step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
    const error = s.attempt('complainant', command('complete-action', { actionId: 'R2' }));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: 'DISPUTE.NOT_ACTION_OWNER' });
    expect(disputeView(s.current, ACTORS.complainant, s.at).allowed).not.toContain('complete-action');
  });

  it('still says "not now" (409) to a party before any action is agreed', () => {
    expect(new DisputeScenario().upTo('informal.inDiscussion').attempt('complainant', command('complete-action'))).toBeInstanceOf(
      NotAllowedInStateError,
    );
  });
});
