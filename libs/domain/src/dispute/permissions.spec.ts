import { AppError, ForbiddenError, NotAllowedInStateError, ValidationError } from '#core';
import { CASE_COMMANDS, type DisputeCommandName, mayAttempt } from './dispute-commands.js';
import { type StepName } from './dispute-context.js';
import { command } from './testing/commands.js';
import { ACTORS, type ActorName, DisputeScenario } from './testing/dispute-scenario.js';

const CAST: ActorName[] = [
  'complainant',
  'respondent',
  'stranger',
  'secretariat',
  'secretariatForComplainant',
  'secretariatForRespondent',
  'chair',
  'mediator',
  'secondMediator',
  'auditor',
  'admin',
  'system',
];

const SECRETARIAT: ActorName[] = ['secretariat', 'secretariatForComplainant', 'secretariatForRespondent'];
const COMPLAINANT: ActorName[] = ['complainant', 'secretariatForComplainant'];
const RESPONDENT: ActorName[] = ['respondent', 'secretariatForRespondent'];
const PARTY: ActorName[] = [...COMPLAINANT, ...RESPONDENT];

/** api.md's "by" column, on a case in mediation with `mediator` appointed. */
const WHO_MAY: Record<DisputeCommandName, ActorName[]> = {
  raise: ['complainant', 'respondent', 'stranger', ...SECRETARIAT],
  acknowledge: RESPONDENT,
  'lodge-formal': COMPLAINANT,
  'extend-response-deadline': RESPONDENT,
  respond: RESPONDENT,
  'refer-to-cdg': COMPLAINANT,
  'choose-route': ['chair'],
  'appoint-mediator': SECRETARIAT,
  'appoint-panel': SECRETARIAT,
  'declare-conflict': ['mediator'],
  'object-to-appointment': PARTY,
  'rule-on-objection': ['chair'],
  'record-session': ['mediator'],
  'end-mediation': ['mediator'],
  'record-hearing': [],
  'issue-findings': [],
  'respond-to-findings': PARTY,
  'agree-resolution': [...COMPLAINANT, 'mediator'],
  'complete-action': [...PARTY, 'secretariat'],
  'vary-action': SECRETARIAT,
  suspend: SECRETARIAT,
  resume: [...PARTY, 'secretariat', 'system'],
  'extend-deadline': SECRETARIAT,
  withdraw: COMPLAINANT,
  'refer-externally': COMPLAINANT,
  'record-external-outcome': SECRETARIAT,
  'request-reopening': PARTY,
  'decide-reopening': ['chair'],
  'add-note': [...PARTY, 'secretariat', 'chair', 'mediator'],
  'add-evidence': [...PARTY, 'secretariat', 'chair', 'mediator'],
  'record-lesson': [...SECRETARIAT, 'chair', 'mediator'],
  'record-missed-deadline': [...SECRETARIAT, 'system'],
  'record-missed-action': [...SECRETARIAT, 'system'],
};

const sortByCast = (names: ActorName[]) => CAST.filter((a) => names.includes(a));

describe('who may send each command (403 otherwise), on a case in mediation', () => {
  const { context } = new DisputeScenario().upTo('cdg.mediation');

  it.each(Object.entries(WHO_MAY) as [DisputeCommandName, ActorName[]][])('%s', (name, expected) => {
    const allowed = CAST.filter((actor) => mayAttempt(name, context, ACTORS[actor]));
    expect(allowed).toEqual(sortByCast([...new Set(expected)]));
  });
});

describe('panel members, on a case at panel', () => {
  const { context } = new DisputeScenario().upTo('cdg.panel.hearing');

  it.each(['record-hearing', 'issue-findings', 'declare-conflict', 'record-lesson'] as const)('%s is for the three appointed members only', (name) => {
    const members: ActorName[] = ['panelChair', 'statutoryPanelist', 'vcsPanelist'];
    for (const actor of members) expect(mayAttempt(name, context, ACTORS[actor])).toBe(true);
    for (const actor of ['secondPanelChair', 'mediator', 'complainant'] as const) expect(mayAttempt(name, context, ACTORS[actor])).toBe(false);
  });
});

describe('the order of refusals: 403, then 409, then 400', () => {
  it('answers 403 to the wrong party even when the state is also wrong', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'withdraw');
    const error = s.attempt('stranger', command('respond'));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: 'AUTH.FORBIDDEN' });
  });

  it('answers 409 to the right party in the wrong state even when the data is also invalid', () => {
    const error = new DisputeScenario().raise().attempt('respondent', command('respond', { response: '' }));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
  });

  it('answers 400 only to the right party in the right state', () => {
    const error = new DisputeScenario().upTo('formal.awaitingResponse').attempt('respondent', command('respond', { response: '' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION.INVALID_INPUT', errors: [{ field: 'response', message: 'must not be empty' }] });
  });

  it('names the dotted state and what this actor may do instead in a 409', () => {
    const error = new DisputeScenario().upTo('cdg.panel.deliberation').attempt('panelChair', command('record-hearing'));
    expect(error).toBeInstanceOf(NotAllowedInStateError);
    expect(error).toMatchObject({
      code: 'DISPUTE.NOT_ALLOWED_IN_STATE',
      state: 'cdg.panel.deliberation',
      allowed: ['declare-conflict', 'issue-findings', 'add-note', 'add-evidence', 'record-lesson'],
    });
    expect((error as Error).message).toBe('record-hearing is not allowed while the case is in cdg.panel.deliberation.');
  });

  it('treats the secretariat recording for a party as that party, not as anyone else', () => {
    const s = new DisputeScenario().upTo('formal.awaitingResponse');
    expect(s.attempt('secretariatForComplainant', command('respond'))).toBeInstanceOf(ForbiddenError);
    s.step('secretariatForRespondent', 'respond');
    expect(s.state).toBe('formal.awaitingDecision');
    expect(s.log.at(-1)?.actor.onBehalfOf).toEqual({ organisationId: 'council', reason: 'Received by post' });
  });
});

describe('auditors', () => {
  it.each<StepName | 'actionsOpen' | 'new'>([
    'new',
    'informal.awaitingAcknowledgement',
    'formal.awaitingResponse',
    'cdg.mediation',
    'cdg.panel.hearing',
    'cdg.awaitingResponses',
    'actionsOpen',
  ])('change nothing in %s: every case command is 403', (step) => {
    const s = step === 'new' ? new DisputeScenario() : new DisputeScenario().upTo(step);
    for (const name of CASE_COMMANDS) {
      const error = s.attempt('auditor', command(name));
      expect(error).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('every refusal', () => {
  it.each<StepName | 'actionsOpen'>(['informal.awaitingAcknowledgement', 'formal.awaitingDecision', 'cdg.triage', 'cdg.mediation', 'actionsOpen'])(
    'is one of the AppError family from #core, for every actor and command in %s',
    (step) => {
      const s = new DisputeScenario().upTo(step);
      for (const actor of CAST) {
        for (const name of CASE_COMMANDS) {
          const result = s.peek(actor, command(name));
          if ('error' in result) expect(result.error).toBeInstanceOf(AppError);
        }
      }
      expect(s.state).toBe(step);
    },
  );
});
