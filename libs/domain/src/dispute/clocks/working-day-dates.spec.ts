import { type DisputeEvent } from '../dispute-events.js';
import { calendar, DisputeScenario } from '../testing/dispute-scenario.js';

/**
 * Every working-day date the engine computes is recorded with the rule and the calendar version
 * that gave it, as due dates are: action check days, objection windows, suspension ends and
 * reopening windows, as well as deadlines.
 */
const DATE_AND_RULE: Record<string, [date: string, rule: string][]> = {
  MediatorAppointed: [['objectionWindowEndsOn', 'objectionWindowRule']],
  PanelAppointed: [['objectionWindowEndsOn', 'objectionWindowRule']],
  CaseSuspended: [['until', 'untilRule']],
  ActionVaried: [['checkOn', 'checkRule']],
  ActionMissed: [['reopenableUntil', 'reopenableUntilRule']],
  CaseClosed: [['reopenableUntil', 'reopenableUntilRule']],
};

/** Each computed date with what the event says computed it. */
function computedDates(events: readonly DisputeEvent[]) {
  return events.flatMap((e) => {
    const data = e.data as unknown as Record<string, unknown>;
    const flat = (DATE_AND_RULE[e.type] ?? []).map(([date, rule]) => ({ type: e.type, date: data[date], rule: data[rule], calendarVersion: data['calendarVersion'] }));
    const actions = ((data['actions'] ?? data['recommendations'] ?? []) as Record<string, unknown>[]).map((a) => ({
      type: `${e.type} action`,
      date: a['checkOn'],
      rule: a['checkRule'],
      calendarVersion: a['calendarVersion'],
    }));
    const deadlines = ((data['deadlines'] ?? []) as Record<string, unknown>[]).map((d) => ({
      type: `${e.type} deadline`,
      date: d['dueOn'],
      rule: d['rule'],
      calendarVersion: d['calendarVersion'],
    }));
    return [...flat, ...actions, ...deadlines];
  });
}

describe('working-day dates', () => {
  it('carry the rule and the calendar version: check days, objection windows, suspension ends, reopening windows', () => {
    const s = new DisputeScenario().upTo('cdg.mediation');
    s.step('secretariat', 'suspend').advance('2026-03-16T10:00:00Z').step('secretariat', 'resume');
    s.step('mediator', 'end-mediation').step('secretariat', 'appoint-panel');
    s.step('panelChair', 'record-hearing', { heldOn: s.today }).step('panelChair', 'issue-findings', {
      recommendations: [
        { description: 'Reinstate the grant', ownerId: 'council', dueDate: '2026-04-30' },
        { description: 'Share the timetable', ownerId: 'council', dueDate: '2026-06-30' },
      ],
    });
    s.step('complainant', 'respond-to-findings').step('respondent', 'respond-to-findings');
    s.step('secretariat', 'vary-action', { actionId: 'R2', dueDate: '2026-07-31' });
    s.advance('2026-05-11T10:00:00Z').step('system', 'record-missed-action', { actionId: 'R1' });
    s.step('respondent', 'complete-action', { actionId: 'R2' });

    const dates = computedDates(s.log);
    expect(new Set(dates.map((d) => d.type.split(' ')[0]))).toEqual(
      new Set(['DisputeRaised', 'FormalComplaintLodged', 'FormalResponseIssued', 'ReferredToCdg', 'MediatorAppointed', 'CaseSuspended', 'MediationEnded', 'PanelAppointed', 'PanelHearingHeld', 'FindingsIssued', 'ActionVaried', 'ActionMissed', 'CaseClosed']),
    );
    for (const d of dates) {
      expect(d).toEqual({ type: d.type, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), rule: expect.stringContaining(' WD after '), calendarVersion: calendar.version });
    }
  });

  it('name the day they count from: the objection window by the receipt rule, a check day from the due date', () => {
    const s = new DisputeScenario().upTo('cdg.triage').step('chair', 'choose-route', { route: 'mediation' });
    const [appointed] = s.advance('2026-03-06T17:00:00Z').run('secretariat', { name: 'appoint-mediator', payload: { personId: 'mediator' } });
    expect(appointed?.data).toMatchObject({
      objectionWindowEndsOn: '2026-03-16',
      objectionWindowRule: '5 WD after 2026-03-09, England and Wales, 16:30 cut-off',
      calendarVersion: calendar.version,
    });
  });
});
