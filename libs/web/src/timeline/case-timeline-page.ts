import { longDate, renderPage } from '../nunjucks-environment.js';

/**
 * What the printable timeline shows, as a case bundle carries it (libs/audit's CaseBundle has this
 * shape): the case in brief, whether its chain held and who signed its head, and one line per event.
 */
export interface CaseTimelineSource {
  readonly caseId: string;
  readonly exportedAt: string;
  readonly exportedFor: { readonly name: string; readonly roles: readonly string[] };
  readonly summary: {
    readonly summary: string;
    readonly state: string;
    readonly stage: number | null;
    readonly outcome: string | null;
    readonly openedAt: string;
    readonly complainant: string;
    readonly respondents: readonly string[];
    readonly clauses: readonly string[];
  };
  readonly events: readonly unknown[];
  readonly withheld: number;
  readonly chain: { readonly ok: boolean; readonly failures: readonly { readonly detail: string }[]; readonly head: { readonly revision: string; readonly hash: string } | null };
  readonly checkpoint: { readonly signedBy: { readonly fingerprint: string } } | null;
  readonly timeline: readonly {
    readonly revision: string;
    readonly at: string;
    readonly what: string;
    readonly by: { readonly name: string; readonly role: string };
    readonly actingFor: { readonly name: string; readonly reason?: string } | null;
    readonly stateAfter: string;
    readonly stageAfter: number | null;
    readonly deadlines: readonly { readonly id: string; readonly step: string; readonly dueOn: string; readonly owedBy: string; readonly owedByNames: readonly string[]; readonly status: string; readonly remainingWorkingDays?: number }[];
  }[];
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as a reader in the county reads it: 2 March 2026, 10:00 (London time). */
export function londonTime(instant: string): string {
  return LONDON.format(new Date(instant)).replace(' at ', ', ');
}

const words = (name: string): string => name.replace(/-/g, ' ');
const stateWords = (state: string, stage: number | null): string => `${state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\./g, ': ')}${stage === null ? '' : ` (stage ${stage})`}`;

type Deadline = CaseTimelineSource['timeline'][number]['deadlines'][number];

/** The clocks running after a step, and those the step settled (met, missed): not every clock the case ever had. */
function asTheyStood(now: readonly Deadline[], before: readonly Deadline[]): readonly Deadline[] {
  const was = new Map(before.map((d) => [d.id, d.status]));
  return now.filter((d) => d.status === 'open' || d.status === 'paused' || was.get(d.id) !== d.status);
}

/** The timeline page: the case in brief, its integrity, and who did what, when, for whom, with the deadlines as they stood. */
export function renderCaseTimelinePage(bundle: CaseTimelineSource): string {
  const s = bundle.summary;
  return renderPage('pages/case-timeline.njk', {
    pageTitle: `Case timeline: ${s.summary}`,
    caseId: bundle.caseId,
    summary: s,
    facts: [
      { key: { text: 'Raised by' }, value: { text: s.complainant } },
      { key: { text: 'Against' }, value: { text: s.respondents.join(', ') } },
      { key: { text: 'Compact clauses' }, value: { text: s.clauses.join(', ') } },
      { key: { text: 'Opened' }, value: { text: londonTime(s.openedAt) } },
      { key: { text: 'Now' }, value: { text: `${stateWords(s.state, s.stage)}${s.outcome ? `, outcome ${words(s.outcome)}` : ''}` } },
    ],
    integrity: {
      ok: bundle.chain.ok,
      events: bundle.events.length,
      withheld: bundle.withheld,
      head: bundle.chain.head,
      signedBy: bundle.checkpoint?.signedBy.fingerprint ?? null,
      failures: bundle.chain.failures.map((f) => f.detail),
    },
    exported: { at: londonTime(bundle.exportedAt), forName: bundle.exportedFor.name, roles: bundle.exportedFor.roles.join(', ') },
    rows: bundle.timeline.map((t, i) => ({
      revision: t.revision,
      when: londonTime(t.at),
      who: t.by.name,
      role: t.by.role,
      actingFor: t.actingFor,
      what: t.what,
      then: stateWords(t.stateAfter, t.stageAfter),
      deadlines: asTheyStood(t.deadlines, bundle.timeline[i - 1]?.deadlines ?? []).map((d) => ({
        step: words(d.step),
        due: longDate(d.dueOn),
        owedBy: d.owedByNames.length > 0 ? d.owedByNames.join(', ') : 'the CDG',
        status: d.status,
        remaining: d.remainingWorkingDays,
      })),
    })),
  });
}
