import { ForbiddenError, ValidationError } from '#core';
import { MAX_EVIDENCE_BYTES } from './case-file.commands.js';
import { type StepName } from '../dispute-context.js';
import { command, rawCommand } from '../testing/commands.js';
import { type ActorName, DisputeScenario } from '../testing/dispute-scenario.js';

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('notes', () => {
  it('lets a party add a note, visible to the parties unless said otherwise', () => {
    const s = new DisputeScenario().raise().advance('2026-03-03T09:00:00Z');
    const events = s.run('respondent', command('add-note', { text: '  Spoke to the charity  ' }));

    expect(events).toEqual([{ type: 'NoteAdded', data: { noteId: 'N1', text: 'Spoke to the charity', visibility: 'parties' } }]);
    expect(s.state).toBe('informal.awaitingAcknowledgement');
    expect(s.context.notes).toEqual([
      { noteId: 'N1', text: 'Spoke to the charity', visibility: 'parties', byPersonId: 'council-officer', at: '2026-03-03T09:00:00Z' },
    ]);
  });

  it('numbers notes in order and keeps CDG-only visibility', () => {
    const s = new DisputeScenario().raise().step('secretariat', 'add-note').step('chair', 'add-note', { visibility: 'cdg' });
    expect(s.context.notes.map((n) => [n.noteId, n.visibility, n.byPersonId])).toEqual([
      ['N1', 'parties', 'secretariat-1'],
      ['N2', 'cdg', 'cdg-chair'],
    ]);
  });

  it.each<ActorName>(['complainant', 'respondent', 'secretariat', 'chair', 'mediator'])('lets %s add a note on a case in mediation', (actor) => {
    const s = new DisputeScenario().upTo('cdg.mediation').step(actor, 'add-note');
    expect(s.context.notes).toHaveLength(1);
  });

  it.each<ActorName>(['auditor', 'stranger', 'admin', 'system', 'secondMediator', 'panelChair'])('refuses %s adding a note (403)', (actor) => {
    expect(new DisputeScenario().upTo('cdg.mediation').attempt(actor, command('add-note'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses a mediator who has stood down (403)', () => {
    const s = new DisputeScenario().upTo('cdg.mediation').step('mediator', 'declare-conflict');
    expect(s.attempt('mediator', command('add-note'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses an empty note or an unknown visibility (400)', () => {
    const s = new DisputeScenario().raise();
    expect(s.attempt('complainant', command('add-note', { text: '' }))).toMatchObject({ errors: [{ field: 'text' }] });
    expect(s.attempt('complainant', rawCommand('add-note', { text: 't', visibility: 'public' }))).toMatchObject({
      errors: [{ field: 'visibility' }],
    });
  });

  it('refuses notes before the case exists (403)', () => {
    expect(new DisputeScenario().attempt('secretariat', command('add-note'))).toBeInstanceOf(ForbiddenError);
  });

  it.each<StepName | 'actionsOpen'>([
    'informal.inDiscussion',
    'formal.awaitingAcknowledgement',
    'formal.awaitingResponse',
    'formal.awaitingDecision',
    'cdg.triage',
    'cdg.panel.hearing',
    'cdg.panel.deliberation',
    'cdg.awaitingResponses',
    'actionsOpen',
  ])('takes notes in %s without changing the step', (step) => {
    const s = new DisputeScenario().upTo(step).step('complainant', 'add-note');
    expect(s.state).toBe(step);
  });

  it('takes notes once the case is closed', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'withdraw').step('respondent', 'add-note');
    expect(s.state).toBe('closed');
    expect(s.context.notes).toHaveLength(1);
  });
});

describe('evidence', () => {
  it('lets a party add evidence, recorded by its SHA-256', () => {
    const s = new DisputeScenario().raise();
    const events = s.run('complainant', command('add-evidence', { filename: 'letter.pdf', contentType: 'application/pdf', sha256: HASH, size: 2048 }));

    expect(events).toEqual([
      { type: 'EvidenceAdded', data: { evidenceId: 'E1', filename: 'letter.pdf', contentType: 'application/pdf', sha256: HASH, size: 2048 } },
    ]);
    expect(s.context.evidence[0]).toMatchObject({ evidenceId: 'E1', byPersonId: 'charity-officer' });
  });

  it('accepts a file of exactly 10 MB', () => {
    const s = new DisputeScenario().raise().step('complainant', 'add-evidence', { size: MAX_EVIDENCE_BYTES });
    expect(s.context.evidence).toHaveLength(1);
  });

  it.each([
    ['larger than 10 MB', { size: MAX_EVIDENCE_BYTES + 1 }, 'contentBase64'],
    ['with a negative size', { size: -1 }, 'contentBase64'],
    ['with an upper-case hash', { sha256: HASH.toUpperCase() }, 'sha256'],
    ['with a short hash', { sha256: 'abc' }, 'sha256'],
    ['without a filename', { filename: '' }, 'filename'],
    ['without a content type', { contentType: '' }, 'contentType'],
  ])('refuses evidence %s (400)', (_what, overrides, field) => {
    const error = new DisputeScenario().raise().attempt('complainant', command('add-evidence', overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field }] });
  });

  it.each<ActorName>(['auditor', 'stranger'])('refuses %s adding evidence (403)', (actor) => {
    expect(new DisputeScenario().raise().attempt(actor, command('add-evidence'))).toBeInstanceOf(ForbiddenError);
  });
});

describe('lessons', () => {
  it.each<ActorName>(['secretariat', 'chair', 'panelChair', 'statutoryPanelist'])('lets %s record a lesson on a case at panel', (actor) => {
    const s = new DisputeScenario().upTo('cdg.panel.hearing');
    const events = s.run(actor, command('record-lesson', { lesson: 'Give 12 weeks notice', clause: '3.2' }));
    expect(events).toEqual([{ type: 'LessonRecorded', data: { lessonId: 'L1', lesson: 'Give 12 weeks notice', clause: '3.2' } }]);
    expect(s.state).toBe('cdg.panel.hearing');
  });

  it('lets the case mediator record a lesson without a clause', () => {
    const s = new DisputeScenario().upTo('cdg.mediation').step('mediator', 'record-lesson', { clause: undefined });
    expect(s.context.lessons).toEqual([{ lessonId: 'L1', lesson: 'Check notice periods before budget decisions', clause: null, at: s.at }]);
  });

  it.each<ActorName>(['complainant', 'respondent', 'auditor', 'mediator', 'stranger'])('refuses %s recording a lesson on a case at panel (403)', (actor) => {
    expect(new DisputeScenario().upTo('cdg.panel.hearing').attempt(actor, command('record-lesson'))).toBeInstanceOf(ForbiddenError);
  });

  it('refuses an empty lesson (400)', () => {
    expect(new DisputeScenario().raise().attempt('secretariat', command('record-lesson', { lesson: ' ' }))).toBeInstanceOf(ValidationError);
  });

  it('takes lessons after closure', () => {
    const s = new DisputeScenario().upTo('informal.inDiscussion').step('complainant', 'agree-resolution').step('chair', 'record-lesson');
    expect(s.context.lessons).toHaveLength(1);
  });
});
