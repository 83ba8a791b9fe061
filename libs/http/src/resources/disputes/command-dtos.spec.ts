import 'reflect-metadata';
import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { CASE_COMMANDS, type CaseCommandName } from '#domain';
import { ValidationError } from '#core';
import { RequestValidationPipe } from '../../platform/validation/request-validation.pipe.js';
import { operationIdOf } from './command-route.decorator.js';
import { DisputeCommandsController } from './dispute-commands.controller.js';
import { RaiseDisputeDto } from './raise-dispute.dto.js';

const routes = DisputeCommandsController.prototype as unknown as Record<string, object>;
/** A command's body DTO, as its route declares it: the type of its handler's @Body() (second) parameter. */
const bodyOf = (name: CaseCommandName): Type =>
  (Reflect.getMetadata('design:paramtypes', DisputeCommandsController.prototype, operationIdOf(name)) as Type[])[1]!;

const pipe = new RequestValidationPipe();
const validate = (dto: Type, body: unknown) => pipe.transform(body, { type: 'body', metatype: dto });
const problems = async (dto: Type, body: unknown) => {
  try {
    await validate(dto, body);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((e) => `${e.field}: ${e.message}`);
  }
};

const ACTION = { description: 'Pay the June instalment', ownerId: 'council', dueDate: '2026-06-01' };

/** A body each command accepts, in api.md's words. */
const VALID: Record<string, Record<string, unknown>> = {
  acknowledge: {},
  'lodge-formal': { grounds: 'No progress' },
  'extend-response-deadline': { workingDays: 10, reason: 'Cabinet' },
  respond: { response: 'Our answer' },
  'refer-to-cdg': { reason: 'Still apart' },
  'choose-route': { route: 'mediation', reason: null },
  'appoint-mediator': { personId: 'p-1' },
  'appoint-panel': { chairId: 'p-1', statutoryMemberId: 'p-2', vcsMemberId: 'p-3' },
  'declare-conflict': { interest: 'Trustee' },
  'object-to-appointment': { personId: 'p-1', grounds: 'Bias' },
  'rule-on-objection': { personId: 'p-1', upheld: false, reason: 'No bias' },
  'record-session': { heldOn: '2026-03-02', attendees: [], summary: 'Met' },
  'end-mediation': { summary: 'No agreement' },
  'record-hearing': { heldOn: '2026-03-02', summary: 'Heard' },
  'issue-findings': { finding: 'partly-upheld', findings: 'Short notice', recommendations: [{ ...ACTION, clause: '3.2' }] },
  'respond-to-findings': { response: 'accept' },
  'agree-resolution': { terms: 'Agreed', actions: [ACTION] },
  'complete-action': { actionId: 'A1' },
  'vary-action': { actionId: 'A1', dueDate: '2026-07-01', reason: 'Moved' },
  suspend: { reason: 'Talks', workingDays: 40, consentFrom: ['a', 'b'] },
  resume: {},
  'extend-deadline': { workingDays: 60, reason: 'Talks', consentFrom: ['a', 'b'] },
  withdraw: { reasonCode: 'other', reason: 'Changed course' },
  'refer-externally': { body: 'health-ombudsman' },
  'record-external-outcome': { outcome: 'Maladministration' },
  'request-reopening': { grounds: 'new-evidence', reason: 'A letter' },
  'decide-reopening': { granted: true, reason: 'Fair' },
  'add-note': { text: 'A note', visibility: 'cdg' },
  'add-evidence': { filename: 'a.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF').toString('base64') },
  'record-lesson': { lesson: 'Cite 3.2', clause: null },
};

describe('the command routes', () => {
  it('give every case command of the domain its own route, POST :id/<command>, handled by the method named after it', () => {
    for (const name of CASE_COMMANDS) {
      const handler = routes[operationIdOf(name)];
      expect({ name, path: handler && Reflect.getMetadata(PATH_METADATA, handler), method: handler && Reflect.getMetadata(METHOD_METADATA, handler) }).toEqual({
        name,
        path: `:id/${name}`,
        method: RequestMethod.POST,
      });
    }
  });

  it('have no command route the domain does not know', () => {
    const paths = Object.getOwnPropertyNames(DisputeCommandsController.prototype)
      .filter((key) => key !== 'constructor')
      .map((key) => routes[key] && Reflect.getMetadata(PATH_METADATA, routes[key]))
      .filter((path): path is string => typeof path === 'string' && path !== ':id/:command');
    expect(paths.sort()).toEqual(CASE_COMMANDS.map((name) => `:id/${name}`).sort());
  });
});

describe('the command bodies', () => {
  it.each([...CASE_COMMANDS])('accept a valid %s body and refuse an unknown field in it', async (name) => {
    const dto = bodyOf(name);
    expect(await problems(dto, VALID[name])).toEqual([]);
    expect(await problems(dto, { ...VALID[name], surplus: 1 })).toEqual(['surplus: surplus is not a known field (unknown fields are refused)']);
  });

  it('take no body at all as {} for a command that needs nothing', async () => {
    expect(await problems(bodyOf('acknowledge'), undefined)).toEqual([]);
  });

  it('trim text and refuse text that is only spaces', async () => {
    expect(await validate(bodyOf('respond'), { response: '  Our answer \n' })).toMatchObject({ response: 'Our answer' });
    expect(await problems(bodyOf('respond'), { response: ' \t ' })).toEqual(['response: response must not be empty']);
  });

  it('take null for an optional field only where the domain takes null', async () => {
    expect(await problems(bodyOf('choose-route'), { route: 'panel', reason: null })).toEqual([]);
    expect(await problems(bodyOf('add-note'), { text: 'x', visibility: null })).toEqual(['visibility: visibility must not be null']);
    expect(await problems(bodyOf('respond'), { response: null })).toEqual(['response: response is required (not null)']);
  });

  it('want reasons unless the findings are accepted', async () => {
    expect(await problems(bodyOf('respond-to-findings'), { response: 'partly-accept', reasons: null })).toEqual([
      'reasons: reasons are required unless the response is accept',
    ]);
  });

  it.each(['resolved-outside', 'no-longer-relevant', 'other'])('take a withdrawal with reason code %s and no reason in words (optional, as api.md has it)', async (reasonCode) => {
    expect(await problems(bodyOf('withdraw'), { reasonCode })).toEqual([]);
  });

  it('take consent to a route as a list of ids, and the panel chair’s consent to a suspension as true or false', async () => {
    expect(await problems(bodyOf('choose-route'), { route: 'mediation', consentFrom: ['a', 'b'] })).toEqual([]);
    expect(await problems(bodyOf('choose-route'), { route: 'mediation', consentFrom: 'a' })).toEqual(['consentFrom: consentFrom must be a list']);
    expect(await problems(bodyOf('suspend'), { ...VALID.suspend, panelChairConsent: true })).toEqual([]);
    expect(await problems(bodyOf('suspend'), { ...VALID.suspend, panelChairConsent: 'yes' })).toEqual(['panelChairConsent: panelChairConsent must be true or false']);
  });

  it('hold working days to their ranges, as whole JSON numbers', async () => {
    const extend = bodyOf('extend-response-deadline');
    for (const workingDays of [0, 11, 2.5, '5', null]) {
      expect(await problems(extend, { workingDays, reason: 'r' })).toEqual([
        workingDays === null ? 'workingDays: workingDays is required (not null)' : 'workingDays: workingDays must be a whole number from 1 to 10',
      ]);
    }
    expect(await problems(bodyOf('suspend'), { ...VALID.suspend, workingDays: 41 })).toEqual(['workingDays: workingDays must be a whole number from 1 to 40']);
  });

  it('check every field of every action, naming it by its place', async () => {
    const errors = await problems(bodyOf('agree-resolution'), {
      terms: 'Agreed',
      actions: [ACTION, { description: '', ownerId: 'o', dueDate: '2026-02-29', clause: 'three' }],
    });
    expect(errors).toEqual([
      'actions.1.description: description must not be empty',
      'actions.1.dueDate: dueDate must be a real date as YYYY-MM-DD',
      'actions.1.clause: clause must be a clause of the Compact (1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5)',
    ]);
    expect(await problems(bodyOf('agree-resolution'), { terms: 'Agreed', actions: ACTION })).toEqual(['actions: actions must be a list']);
  });

  it('refuse evidence that is not base64', async () => {
    expect(await problems(bodyOf('add-evidence'), { ...VALID['add-evidence'], contentBase64: 'not base64!' })).toEqual([
      "contentBase64: contentBase64 must be the file's content in base64",
    ]);
  });
});

describe('the raise body', () => {
  const RAISE = { respondentIds: ['council'], clauses: ['3.2'], summary: 'Short notice', details: 'Four weeks', desiredOutcome: 'Twelve weeks' };

  it('accepts dates, with shorter notice agreed as true or a day', async () => {
    for (const shorterNoticeAgreed of [true, false, '2026-01-15']) {
      expect(await problems(RaiseDisputeDto, { ...RAISE, urgent: true, dates: { noticeReceived: '2026-02-02', shorterNoticeAgreed } })).toEqual([]);
    }
    expect(await problems(RaiseDisputeDto, { ...RAISE, dates: { shorterNoticeAgreed: 'yes' } })).toEqual([
      'dates.shorterNoticeAgreed: shorterNoticeAgreed must be true, false or a real date as YYYY-MM-DD',
    ]);
  });

  it('wants a respondent and a clause, and an object for dates', async () => {
    expect(await problems(RaiseDisputeDto, { ...RAISE, respondentIds: [], clauses: [], dates: [] })).toEqual([
      'respondentIds: respondentIds must have at least one item',
      'clauses: clauses must have at least one item',
      'dates: dates must be an object',
    ]);
  });

  it('takes only the Compact’s own clauses: 9.9 is shaped like one but is not', async () => {
    expect(await problems(RaiseDisputeDto, { ...RAISE, clauses: ['3.2', '9.9'] })).toEqual([
      'clauses: clauses item 1 must be a clause of the Compact (1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5)',
    ]);
    expect(await problems(bodyOf('record-lesson'), { lesson: 'A lesson', clause: '9.9' })).toEqual([
      'clause: clause must be a clause of the Compact (1.1–1.7, 2.1–2.10, 3.1–3.7, 4.1–4.3, 5.1–5.5)',
    ]);
  });

  it('keeps the summary to one line of 300 characters', async () => {
    expect(await problems(RaiseDisputeDto, { ...RAISE, summary: 'x'.repeat(301) })).toEqual(['summary: summary must be at most 300 characters']);
  });
});
