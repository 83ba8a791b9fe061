import { and } from 'xstate';
import { MEDIATOR_AGREES } from '../actions/actions.states.js';
import { EXTERNAL_REFERRAL } from '../closure/closure.states.js';
import { disputeSetup } from '../machine-setup.js';
import { owed, type OwedStep, step } from '../machine-kit.js';
import { WHILE_THE_PROCESS_RUNS } from '../while-the-process-runs.js';

/** A party's objection to an appointment waits for the chair (undated: the objection window is the party's). */
const OBJECTION_RULING: OwedStep = {
  by: 'chair',
  clock: 'objection',
  commands: ['rule-on-objection'],
  title: 'Rule on the objection to an appointment',
};

/** While someone is appointed: they may stand down, a party may object, the chair rules. */
const CHALLENGES_TO_AN_APPOINTMENT = {
  ConflictDeclared: { guard: 'appointee', target: '#dispute.cdg.triage', actions: 'vacateAppointment' },
  AppointmentObjected: { guard: 'partyMayObject', actions: 'object' },
  ObjectionRuled: [
    { guard: and(['chairRulesOnObjection', 'objectionUpheld']), target: '#dispute.cdg.triage', actions: 'vacateAppointment' },
    { guard: 'chairRulesOnObjection', actions: 'dismissObjection' },
  ],
} as const;

/** Stage 3: triage and the route, then mediation or a panel, then the parties' answers to the findings. */
export const cdg = disputeSetup.createStateConfig({
  initial: 'triage',
  on: { ...WHILE_THE_PROCESS_RUNS, ...EXTERNAL_REFERRAL },
  states: {
    triage: {
      ...step(
        'cdg.triage',
        { by: 'chair', clock: 'cdg-triage', commands: ['choose-route'], title: 'Choose the route: mediation or panel' },
        { by: 'secretariat', clock: 'cdg-triage', commands: ['appoint-mediator'], title: 'Appoint a mediator' },
        { by: 'secretariat', clock: 'cdg-triage', commands: ['appoint-panel'], title: 'Appoint the panel' },
      ),
      on: {
        RouteChosen: {
          guard: 'chairChoosesRouteOnce',
          actions: [{ type: 'stepTaken', params: { settles: ['cdg-triage'] } }, 'chooseRoute'],
        },
        MediatorAppointed: {
          guard: { type: 'secretariatFor', params: { route: 'mediation' } },
          target: 'mediation',
          actions: [{ type: 'stepTaken', params: { settles: ['cdg-triage'] } }, 'appointMediator'],
        },
        PanelAppointed: {
          guard: { type: 'secretariatFor', params: { route: 'panel' } },
          target: 'panel',
          actions: [{ type: 'stepTaken', params: { settles: ['cdg-triage'] } }, 'appointPanel'],
        },
      },
    },
    mediation: {
      ...step(
        'cdg.mediation',
        { by: 'appointees', clock: 'mediation', commands: ['agree-resolution', 'record-session', 'end-mediation'] },
        OBJECTION_RULING,
      ),
      on: {
        MediationSessionHeld: { guard: 'caseMediator', actions: 'holdSession' },
        MediationEnded: {
          guard: 'caseMediator',
          target: 'triage',
          actions: [{ type: 'stepTaken', params: { settles: ['mediation'] } }, 'endMediation'],
        },
        ...MEDIATOR_AGREES,
        ...CHALLENGES_TO_AN_APPOINTMENT,
      },
    },
    panel: {
      initial: 'hearing',
      meta: owed(OBJECTION_RULING),
      on: { ...CHALLENGES_TO_AN_APPOINTMENT },
      states: {
        hearing: {
          ...step('cdg.panel.hearing', { by: 'appointees', clock: 'panel-hearing', commands: ['record-hearing'] }),
          on: {
            PanelHearingHeld: { guard: 'casePanelist', target: 'deliberation', actions: { type: 'stepTaken', params: { settles: ['panel-hearing'] } } },
          },
        },
        deliberation: {
          ...step('cdg.panel.deliberation', { by: 'appointees', clock: 'panel-findings', commands: ['issue-findings'] }),
          on: {
            FindingsIssued: {
              guard: 'casePanelist',
              target: '#dispute.cdg.awaitingResponses',
              actions: [{ type: 'stepTaken', params: { settles: ['panel-findings'] } }, 'issueFindings'],
            },
          },
        },
      },
    },
    awaitingResponses: {
      ...step('cdg.awaitingResponses', { by: 'parties', clock: 'findings-response', commands: ['respond-to-findings'] }),
      on: {
        FindingsResponded: [
          {
            guard: and(['partyYetToAnswerFindings', 'lastFindingsAnswer']),
            target: '#dispute.afterFindings',
            actions: ['answerFindings', 'takeUpRecommendations'],
          },
          { guard: 'partyYetToAnswerFindings', actions: 'answerFindings' },
        ],
      },
    },
  },
});

/** Every party has answered the findings (passing through): accepted recommendations become actions, or the case closes. */
export const afterFindings = disputeSetup.createStateConfig({
  always: [{ guard: 'hasOpenActions', target: '#dispute.actionsOpen' }, { target: '#dispute.closing' }],
});
