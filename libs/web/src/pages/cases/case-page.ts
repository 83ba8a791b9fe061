import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CLOCK, type Clock, type DisputeCaseView, DirectoryNames, GetDispute, GetDisputeHistory, type HistoryEntry, type Principal } from '#application';
import { compactClause, type DeadlineStep, type Outcome, WorkingDayCalendar } from '#domain';
import { DirectoryReadModel } from '#projections';
import { proseValue } from '../platform/prose-value.js';
import { datesInWords, londonDateTime, weekdayDate, workingDaysWords } from '../platform/dates.js';
import {
  CASE_FILE_COMMANDS,
  COMMAND_LABELS,
  EVENT_TEXT_FIELDS,
  EVENT_TITLES,
  OUTCOME_WORDS,
  type PageCommandName,
  ROUTE_WORDS,
  STAGE_WORDS,
  STATE_WORDS,
  STEP_DUTIES,
  STEP_LABELS,
} from './case-words.js';

type View = DisputeCaseView;
type ViewDeadline = View['deadlines'][number];

interface HistoryActor {
  readonly personId: string;
  readonly role: string;
  readonly name?: string | null;
  readonly organisationName?: string | null;
  readonly onBehalfOf?: { readonly organisationName?: string | null; readonly reason?: string };
}

const list = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
const sizeText = (bytes: number): string => (bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * The case page's view model, from the same two queries as GET /disputes/{id} and its history:
 * the stage explained in words (who owes what by when, in working days from the domain's
 * calendar), the clause checks, the deadlines, the timeline of events with names, notes and
 * evidence, and the buttons, which are exactly the `allowed` list the API gives this person.
 */
@Injectable()
export class CasePage {
  private readonly names: DirectoryNames;

  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    @Inject(DirectoryReadModel) directory: DirectoryReadModel,
  ) {
    this.names = new DirectoryNames(directory);
  }

  async view(principal: Principal, caseId: string): Promise<View> {
    return this.queries.execute(new GetDispute(principal, caseId));
  }

  today(): string {
    return this.calendar.londonDate(this.clock.now().toISOString());
  }

  async model(principal: Principal, caseId: string) {
    const [view, history] = await Promise.all([
      this.view(principal, caseId),
      this.queries.execute(new GetDisputeHistory(principal, caseId)) as Promise<{ events: HistoryEntry[] }>,
    ]);
    const href = `/cases/${encodeURIComponent(view.id)}`;
    const allowed = view.allowed as PageCommandName[];
    const button = (command: PageCommandName) => ({ command, text: COMMAND_LABELS[command] ?? command, href: `${href}/act/${command}` });
    const complainant = this.party(view, view.complainantId);
    const respondents = list(view.respondentIds.map((id) => this.party(view, id)));
    const outcomeWords = view.outcome ? OUTCOME_WORDS[view.outcome as Outcome] : null;
    const route = view.route ? ROUTE_WORDS[view.route] : null;
    const appointees = this.appointees(view);
    const row = (key: string, text: string, prose = false) => ({ key: { text: key }, value: prose ? proseValue(text) : { text } });
    return {
      summaryRows: [
        row('Complainant', complainant),
        row('Raised against', respondents),
        row('What happened', view.details, true),
        row('Outcome wanted', view.desiredOutcome, true),
        ...(route ? [row('Route', route)] : []),
        ...(outcomeWords ? [row('Outcome', outcomeWords.charAt(0).toUpperCase() + outcomeWords.slice(1))] : []),
        ...appointees.map((a) => row(a.role, a.name)),
      ],
      view,
      href,
      complainant,
      respondents,
      openedOn: weekdayDate(view.openedAt),
      stageWords: view.stage === null ? 'Closed' : (STAGE_WORDS[view.stage] ?? ''),
      stateWords: STATE_WORDS[view.state] ?? view.state,
      explanation: this.explanation(view),
      clauses: view.clauses.map((id) => ({ id, description: compactClause(id)?.description ?? '' })),
      clauseChecks: view.clauseChecks.map((c) => ({ clause: c.clause, result: c.result, detail: datesInWords(c.detail), description: compactClause(c.clause)?.description ?? '' })),
      deadlines: view.deadlines.map((d) => this.deadline(view, d)),
      actions: view.actions.map((a) => ({
        ...a,
        owner: this.names.organisation(a.ownerId) ?? a.ownerId,
        due: weekdayDate(a.dueDate),
        clauseText: a.clause ? `${a.clause} ${compactClause(a.clause)?.description ?? ''}` : null,
      })),
      notes: view.notes.map((n) => ({ ...n, when: londonDateTime(n.at), by: (n as { byPersonName?: string | null }).byPersonName ?? this.names.person(n.byPersonId) })),
      evidence: view.evidence.map((e) => ({
        ...e,
        when: londonDateTime(e.at),
        size: sizeText(e.size),
        by: (e as { byPersonName?: string | null }).byPersonName ?? this.names.person(e.byPersonId),
        href: `${href}/evidence/${e.sha256}`,
      })),
      steps: allowed.filter((c) => !CASE_FILE_COMMANDS.includes(c)).map(button),
      caseFile: allowed.filter((c) => CASE_FILE_COMMANDS.includes(c)).map(button),
      timeline: history.events.map((e) => this.timelineItem(view, e)).reverse(),
    };
  }

  /** A party's name as the case recorded it, else as the directory has it now. */
  private party(view: View, organisationId: string): string {
    return view.parties.find((p) => p.organisationId === organisationId)?.name ?? this.names.organisation(organisationId) ?? organisationId;
  }

  private owedBy(view: View, d: Pick<ViewDeadline, 'owedBy' | 'owedByOrganisationIds'>): string {
    if (d.owedBy === 'cdg') return 'The Compact Development Group';
    const names = d.owedByOrganisationIds.map((id) => this.party(view, id));
    if (names.length > 0) return list(names);
    return d.owedBy === 'complainant' ? this.party(view, view.complainantId) : d.owedBy === 'respondent' ? list(view.respondentIds.map((id) => this.party(view, id))) : 'Both parties';
  }

  /** "Fenshire County Council must send its written response by Tuesday 14 July 2026: 6 working days left." */
  private explanation(view: View): { readonly sentences: string[]; readonly overdue: boolean; readonly closed: boolean } {
    const today = this.today();
    if (view.state === 'closed') {
      const closedOn = view.closedAt ? ` on ${weekdayDate(view.closedAt)}` : '';
      return { sentences: [`This case closed${closedOn}: ${view.outcome ? OUTCOME_WORDS[view.outcome as Outcome] : 'closed'}.`], overdue: false, closed: true };
    }
    const sentences: string[] = [];
    let overdue = false;
    if (view.suspension) {
      sentences.push(`The case is suspended until ${weekdayDate(view.suspension.until)}. Its deadlines are paused and start again, with the working days they had left, when it resumes.`);
    }
    for (const d of view.deadlines) {
      if (d.status !== 'open') continue;
      const duty = STEP_DUTIES[d.step as DeadlineStep] ?? d.step;
      const words = workingDaysWords(d.dueOn, today, this.calendar);
      overdue ||= words.overdue;
      const who = this.owedBy(view, d);
      sentences.push(words.overdue ? `${who} must ${duty}: it was due by ${weekdayDate(d.dueOn)} and is ${words.text}.` : `${who} must ${duty} by ${weekdayDate(d.dueOn)}: ${words.text}.`);
    }
    const openActions = view.actions.filter((a) => a.status === 'open');
    for (const a of openActions) {
      const words = workingDaysWords(a.dueDate, today, this.calendar);
      overdue ||= words.overdue;
      // Quoted as written: an action may be worded as a task ("Pay the instalment") or an outcome ("Proportionate monitoring").
      sentences.push(`${this.names.organisation(a.ownerId) ?? a.ownerId} must carry out the agreed action “${a.description.replace(/\.$/, '')}” by ${weekdayDate(a.dueDate)}: ${words.text}.`);
    }
    // A route chosen and nobody appointed yet: no clock runs, but the secretariat owes the appointment.
    if (view.state === 'cdg.triage' && view.route !== null && !view.mediatorId && !view.panel) {
      sentences.push(view.route === 'mediation' ? 'Mediation was chosen: the secretariat must appoint a mediator.' : 'A panel hearing was chosen: the secretariat must appoint the panel.');
    }
    if (sentences.length === 0) sentences.push('Nothing is due on this case just now.');
    return { sentences, overdue, closed: false };
  }

  private deadline(view: View, d: ViewDeadline) {
    const words = d.status === 'open' ? workingDaysWords(d.dueOn, this.today(), this.calendar).text : null;
    return {
      step: STEP_LABELS[d.step as DeadlineStep] ?? d.step,
      due: weekdayDate(d.dueOn),
      owedBy: this.owedBy(view, d),
      status: d.status,
      words,
      rule: d.rule,
    };
  }

  private appointees(view: View): { readonly role: string; readonly name: string }[] {
    const person = (id: string) => this.names.person(id) ?? id;
    const rows: { role: string; name: string }[] = [];
    if (view.mediatorId) rows.push({ role: 'Mediator', name: person(view.mediatorId) });
    if (view.panel) {
      rows.push({ role: 'Panel chair', name: person(view.panel.chairId) });
      rows.push({ role: 'Panel member (statutory sector)', name: person(view.panel.statutoryMemberId) });
      rows.push({ role: 'Panel member (voluntary sector)', name: person(view.panel.vcsMemberId) });
    }
    return rows;
  }

  private timelineItem(view: View, e: HistoryEntry) {
    const data = (e.data ?? {}) as Record<string, unknown>;
    const actor = e.actor as HistoryActor;
    const by =
      actor.role === 'system'
        ? 'Recorded by the engine'
        : `${actor.name ?? actor.personId}${actor.organisationName && !(actor.name ?? '').includes(actor.organisationName) ? `, ${actor.organisationName}` : ''}${actor.onBehalfOf ? `, for ${actor.onBehalfOf.organisationName ?? 'a party'}` : ''}`;
    const texts = EVENT_TEXT_FIELDS.filter(([field]) => typeof data[field] === 'string' && (data[field] as string).trim() !== '' && !(e.type === 'CaseClosed' && field === 'outcome')).map(
      ([field, label]) => ({ label, text: data[field] as string }),
    );
    const facts: string[] = [];
    if (e.type === 'CaseClosed' && typeof data['outcome'] === 'string') facts.push(`Outcome: ${OUTCOME_WORDS[data['outcome'] as Outcome] ?? data['outcome']}`);
    if (e.type === 'RouteChosen' && typeof data['route'] === 'string') facts.push(`Route: ${ROUTE_WORDS[data['route']] ?? data['route']}`);
    if (e.type === 'MediatorAppointed' && typeof data['personId'] === 'string') facts.push(`Mediator: ${this.names.person(data['personId']) ?? data['personId']}`);
    if (e.type === 'FindingsIssued' && typeof data['finding'] === 'string') facts.push(`Finding: ${data['finding'].replace('-', ' ')}`);
    if (e.type === 'FindingsResponded' && typeof data['response'] === 'string') facts.push(`${this.party(view, String(data['organisationId']))}: ${data['response'].replace('-', ' ')}`);
    if (e.type === 'DeadlineMissed' && typeof data['step'] === 'string') facts.push(`${STEP_LABELS[data['step'] as DeadlineStep] ?? data['step']}, due ${weekdayDate(String(data['dueOn']))}`);
    if ((e.type === 'DeadlineExtended' || e.type === 'ResponseDeadlineExtended') && typeof data['dueOn'] === 'string') facts.push(`Now due ${weekdayDate(data['dueOn'])}`);
    if (e.type === 'CaseSuspended' && typeof data['until'] === 'string') facts.push(`Until ${weekdayDate(data['until'])}`);
    if (e.type === 'EvidenceAdded' && typeof data['filename'] === 'string') facts.push(`${data['filename']} (${sizeText(Number(data['size']))})`);
    if (e.type === 'DisputeWithdrawn' && typeof data['reasonCode'] === 'string') facts.push(`Reason: ${data['reasonCode'].replace(/-/g, ' ')}`);
    if (e.type === 'ReferredExternally' && typeof data['body'] === 'string') facts.push(`To: ${data['body'].replace(/-/g, ' ')}`);
    return {
      title: EVENT_TITLES[e.type as keyof typeof EVENT_TITLES] ?? e.type,
      when: londonDateTime(e.occurredAt),
      by,
      texts,
      facts,
      cdgOnly: e.type === 'NoteAdded' && data['visibility'] === 'cdg',
      evidenceHref: e.type === 'EvidenceAdded' && typeof data['sha256'] === 'string' ? `/cases/${encodeURIComponent(view.id)}/evidence/${data['sha256']}` : null,
    };
  }
}
