// Types only: libs/audit renders its bundles with this page (and its sentences with longDate), so no import runs the other way.
import type { CaseBundle } from '#audit';
import { longDate, renderPage } from '../nunjucks-environment.js';

/** What the printable timeline shows: a case bundle (libs/audit), its summary, chain, signature and timeline. */
export type CaseTimelineSource = Pick<CaseBundle, 'caseId' | 'exportedAt' | 'exportedFor' | 'summary' | 'events' | 'withheld' | 'chain' | 'checkpoint' | 'timeline'>;

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant as a reader in the county reads it: 2 March 2026, 10:00 (London time). */
export function londonTime(instant: string): string {
  return LONDON.format(new Date(instant)).replace(' at ', ', ');
}

/** A name of process.md's vocabulary as words: resolved-by-mediation → resolved by mediation, cdg-triage → CDG triage. */
export function processWords(name: string): string {
  return name.replace(/-/g, ' ').replace(/\bcdg\b/gi, 'CDG');
}
/** A dotted machine state as words: cdg.triage → CDG: triage (stage 3). */
const stateWords = (state: string, stage: number | null): string =>
  `${processWords(state.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\./g, ': '))}${stage === null ? '' : ` (stage ${stage})`}`;

type Deadline = CaseTimelineSource['timeline'][number]['deadlines'][number];

/** The clocks running after a step, and those the step settled (met, missed): not every clock the case ever had. */
function asTheyStood(now: readonly Deadline[], before: readonly Deadline[]): readonly Deadline[] {
  const was = new Map(before.map((d) => [d.id, d.status]));
  return now.filter((d) => d.status === 'open' || d.status === 'paused' || was.get(d.id) !== d.status);
}

/**
 * The timeline page: the case in brief, its integrity, and who did what, when, for whom, with the
 * deadlines as they stood. `bundleFile`: the name the bundle's JSON is kept under beside it, which
 * the page tells its reader to verify (the download's name unless the exporter chose another).
 */
export function renderCaseTimelinePage(bundle: CaseTimelineSource, bundleFile = `case-${bundle.caseId}.json`): string {
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
      { key: { text: 'Now' }, value: { text: `${stateWords(s.state, s.stage)}${s.outcome ? `, outcome ${processWords(s.outcome)}` : ''}` } },
    ],
    integrity: {
      ok: bundle.chain.ok,
      events: bundle.events.length,
      withheld: bundle.withheld,
      head: bundle.chain.head,
      signedBy: bundle.checkpoint?.signedBy.fingerprint ?? null,
      failures: bundle.chain.failures.map((f) => f.detail),
    },
    exported: { at: londonTime(bundle.exportedAt), forName: bundle.exportedFor.name, roles: bundle.exportedFor.roles.join(', '), bundleFile },
    rows: bundle.timeline.map((t, i) => ({
      revision: t.revision,
      when: londonTime(t.at),
      who: t.by.name,
      role: t.by.role,
      actingFor: t.actingFor,
      what: t.what,
      then: stateWords(t.stateAfter, t.stageAfter),
      deadlines: asTheyStood(t.deadlines, bundle.timeline[i - 1]?.deadlines ?? []).map((d) => ({
        step: processWords(d.step),
        due: longDate(d.dueOn),
        owedBy: d.owedByNames.length > 0 ? d.owedByNames.join(', ') : 'the CDG',
        status: d.status,
        remaining: d.remainingWorkingDays,
      })),
    })),
  });
}
