import { ForbiddenError, NotAllowedInStateError } from '#core';
import { allowedCommands } from './decide-dispute.js';
import { CASE_COMMANDS } from './dispute-commands.js';
import { ACTORS, type ActorName, DisputeScenario } from './testing/dispute-scenario.js';
import { plausibleCommand } from './testing/plausible-payloads.js';
import { STATE_SCENARIOS as CASES } from './testing/state-scenarios.js';

const allowed = (s: DisputeScenario, actor: ActorName) => allowedCommands(s.current, ACTORS[actor], s.at);

/** One of each kind of actor (the permissions spec covers the rest of the cast). */
const CAST: ActorName[] = ['complainant', 'respondent', 'stranger', 'secretariat', 'chair', 'mediator', 'panelChair', 'auditor'];

describe('allowed commands agree with the decision', () => {
  it.each(Object.keys(CASES))('in %s: listed commands are not refused as 403/409, unlisted ones are', (name) => {
    const s = (CASES[name] as () => DisputeScenario)();
    for (const actor of CAST) {
      const list = allowed(s, actor);
      for (const command of CASE_COMMANDS) {
        const result = s.peek(actor, plausibleCommand(command, s.context, ACTORS[actor], s.today));
        const refusal = 'error' in result ? result.error : undefined;
        const byWhoOrWhen = refusal instanceof ForbiddenError || refusal instanceof NotAllowedInStateError;
        if (list.includes(command) === byWhoOrWhen) {
          throw new Error(`${actor} / ${command} in ${name}: allowed lists it ${list.includes(command)}, decision threw ${String(refusal)}`);
        }
      }
    }
  });
});

describe('what each actor is offered', () => {
  it('when in informal.awaitingAcknowledgement', () => {
    const s = CASES['informal.awaitingAcknowledgement']!();
    expect(allowed(s, 'respondent')).toEqual(['acknowledge', 'add-note', 'add-evidence']);
    expect(allowed(s, 'complainant')).toEqual(['agree-resolution', 'withdraw', 'add-note', 'add-evidence']);
    expect(allowed(s, 'secretariat')).toEqual(['suspend', 'extend-deadline', 'add-note', 'add-evidence', 'record-lesson']);
    expect(allowed(s, 'chair')).toEqual(['add-note', 'add-evidence', 'record-lesson']);
    expect(allowed(s, 'auditor')).toEqual([]);
    expect(allowed(s, 'stranger')).toEqual([]);
  });

  it('offers the complainant the formal complaint only once the respondent defaulted', () => {
    expect(allowed(CASES['informal.awaitingAcknowledgement after the respondent defaulted']!(), 'complainant')).toEqual([
      'lodge-formal',
      'agree-resolution',
      'withdraw',
      'add-note',
      'add-evidence',
    ]);
  });

  it('offers the respondent the extension once only', () => {
    expect(allowed(CASES['formal.awaitingResponse']!(), 'respondent')).toEqual(['extend-response-deadline', 'respond', 'add-note', 'add-evidence']);
    expect(allowed(CASES['formal.awaitingResponse after the extension']!(), 'respondent')).toEqual(['respond', 'add-note', 'add-evidence']);
  });

  it('when in formal.awaitingDecision', () => {
    expect(allowed(CASES['formal.awaitingDecision']!(), 'complainant')).toEqual([
      'refer-to-cdg',
      'agree-resolution',
      'withdraw',
      'refer-externally',
      'add-note',
      'add-evidence',
    ]);
  });

  it('when in cdg.mediation', () => {
    const s = CASES['cdg.mediation']!();
    expect(allowed(s, 'mediator')).toEqual(['declare-conflict', 'record-session', 'end-mediation', 'agree-resolution', 'add-note', 'add-evidence', 'record-lesson']);
    expect(allowed(s, 'complainant')).toEqual(['object-to-appointment', 'withdraw', 'refer-externally', 'add-note', 'add-evidence']);
    expect(allowed(s, 'chair')).toEqual(['add-note', 'add-evidence', 'record-lesson']);
    expect(allowed(CASES['cdg.mediation after the objection window']!(), 'complainant')).not.toContain('object-to-appointment');
    expect(allowed(CASES['cdg.mediation with an objection pending']!(), 'chair')).toEqual(['rule-on-objection', 'add-note', 'add-evidence', 'record-lesson']);
  });

  it('when in actionsOpen', () => {
    const s = CASES.actionsOpen!();
    expect(allowed(s, 'respondent')).toEqual(['complete-action', 'add-note', 'add-evidence']);
    expect(allowed(s, 'complainant')).toEqual(['withdraw', 'refer-externally', 'add-note', 'add-evidence']);
    expect(allowed(s, 'secretariat')).toEqual(['complete-action', 'vary-action', 'add-note', 'add-evidence', 'record-lesson']);
    const missed = CASES['actionsOpen with an action missed']!();
    expect(allowed(missed, 'respondent')).toEqual(['request-reopening', 'add-note', 'add-evidence']);
    expect(allowed(missed, 'complainant')).toEqual(['complete-action', 'withdraw', 'refer-externally', 'request-reopening', 'add-note', 'add-evidence']);
  });

  it('when closed', () => {
    expect(allowed(CASES['closed at stage 1']!(), 'complainant')).toEqual(['request-reopening', 'add-note', 'add-evidence']);
    expect(allowed(CASES['closed with a reopening request pending']!(), 'chair')).toEqual(['decide-reopening', 'add-note', 'add-evidence', 'record-lesson']);
    expect(allowed(CASES['closed after referral to an ombudsman']!(), 'secretariat')).toEqual([
      'record-external-outcome',
      'add-note',
      'add-evidence',
      'record-lesson',
    ]);
  });

  it('lists nothing for anyone before the case is raised', () => {
    const s = new DisputeScenario();
    for (const actor of CAST) expect(allowed(s, actor)).toEqual([]);
  });
});
