import { type Browser } from 'playwright-core';
import { DeadlineScheduler } from '#application';
import { type Cast, castFor, E2eApi, type Person, raise, run, START, view } from '../e2e/support/e2e-world.js';
import { expectDone, formOf, openForm, stageText } from './support/case-pages.js';
import { launchBrowser, PageUser } from './support/page-world.js';

/**
 * Disputes clicked through in Chromium with JavaScript off, by the people whose part each step is,
 * from raising to closure, so that every closure outcome is reached through the pages at least
 * once. Each case page's buttons are checked against the API's `allowed` list for the same person.
 * Steps that are not the point of a test are sent over the API to keep the run short.
 */
describe('disputes clicked through in the browser', () => {
  let e2e: E2eApi;
  let cast: Cast;
  let browser: Browser;
  const users = new Map<Person, PageUser>();

  beforeAll(async () => {
    e2e = await E2eApi.start(START);
    cast = await castFor(e2e);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await e2e?.dispose();
  });

  /** Each person's own signed-in browser, opened once. */
  async function as(person: Person): Promise<PageUser> {
    let user = users.get(person);
    if (!user) {
      user = await PageUser.open(browser, e2e.baseUrl, person);
      users.set(person, user);
    }
    return user;
  }

  const toFormalDecision = async (id: string) => {
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.complainant, id, 'lodge-formal', { grounds: 'No progress informally' });
    await run(cast.respondent, id, 'acknowledge');
    await run(cast.respondent, id, 'respond', { response: 'We followed our policy' });
  };

  const closedAs = async (id: string, outcome: string) => {
    expect(await view(cast.secretariat, id)).toMatchObject({ state: 'closed', outcome });
    const page = await as(cast.complainant);
    await page.goto(`/cases/${id}`);
    expect(await stageText(page)).toMatch(/^Closed This case closed on \w+day \d+ \w+ 20\d\d: /);
  };

  it('raises a dispute through the journey and takes it through mediation to resolved-by-mediation, with a conflicted mediator refused on the way', async () => {
    const conflicted = await e2e.person('Council mediator', ['mediator'], cast.orgs.council);
    const complainant = await as(cast.complainant);
    await complainant.goto('/raise');
    const form = formOf(complainant);
    expect(await complainant.heading()).toBe('Who is the dispute with?');
    await form.submit('Continue');
    expect(await complainant.errors()).toEqual(['Choose at least one organisation']);
    await form.choose('Fenland District Council');
    await form.submit('Continue');
    await form.choose('Clause 3.2');
    await form.choose('Clause 4.1');
    await form.submit('Continue');
    await form.fill('Summary', 'Grant cut at four weeks notice');
    await form.fill('What happened?', 'Our grant was cut with four weeks notice, in the middle of the winter appeal.');
    await form.fill('What do you want to happen?', 'Twelve weeks notice, as the Compact promises');
    await form.submit('Continue');
    await form.choose('No');
    await form.submit('Continue');
    expect(await complainant.heading()).toBe('Notice of the change (clause 3.2)');
    await form.date('noticeReceived', '2026-02-02');
    await form.submit('Continue');
    expect(await complainant.heading()).toBe('Check your answers');
    expect(await complainant.text('.govuk-summary-list')).toContain('Monday 2 February 2026');
    await form.submit('Raise the dispute');
    const id = complainant.path().split('/')[2] ?? '';
    expect(await complainant.heading()).toBe('Grant cut at four weeks notice');
    expect(await stageText(complainant)).toContain('Fenland District Council must acknowledge the dispute by Monday 9 March 2026: 5 working days left.');

    const respondent = await as(cast.respondent);
    await openForm(respondent, cast.respondent, id, 'acknowledge');
    await formOf(respondent).submit('Acknowledge');
    await expectDone(respondent, id);

    await openForm(complainant, cast.complainant, id, 'lodge-formal');
    await form.fill('Why are you taking the dispute to the formal stage?', 'No progress informally');
    await form.submit('Make the formal complaint');
    await expectDone(complainant, id);

    await openForm(respondent, cast.respondent, id, 'acknowledge');
    await formOf(respondent).submit('Acknowledge');
    await openForm(respondent, cast.respondent, id, 'respond');
    await formOf(respondent).fill('Your written response', 'We followed our policy');
    await formOf(respondent).submit('Send the response');
    await expectDone(respondent, id);
    expect(await stageText(respondent)).toContain('Wisbech Food Bank must accept the response or refer the dispute to the Compact Development Group by');

    await openForm(complainant, cast.complainant, id, 'refer-to-cdg');
    await form.fill('Why are you referring the dispute?', 'The response does not address the notice');
    await form.submit('Refer to the CDG');
    await expectDone(complainant, id);

    const chair = await as(cast.chair);
    await openForm(chair, cast.chair, id, 'choose-route');
    await formOf(chair).choose('Mediation');
    await formOf(chair).submit('Choose this route');
    // Mediation without every party's consent is refused, as the API refuses it.
    expect(await chair.errors()).toEqual(['Mediation needs the agreement of every party; missing Wisbech Food Bank, Fenland District Council']);
    await formOf(chair).choose('Wisbech Food Bank');
    await formOf(chair).choose('Fenland District Council');
    await formOf(chair).submit('Choose this route');
    await expectDone(chair, id);

    const secretariat = await as(cast.secretariat);
    await openForm(secretariat, cast.secretariat, id, 'appoint-mediator');
    expect(conflicted.id).not.toBe('');
    await formOf(secretariat).choose('Council mediator');
    await formOf(secretariat).submit('Appoint');
    const refusal = (await secretariat.errors())[0] ?? '';
    expect(refusal).toContain('Council mediator cannot be appointed under the conflict-of-interest rule');
    await formOf(secretariat).choose('Mediator 1');
    await formOf(secretariat).submit('Appoint');
    await expectDone(secretariat, id);

    const mediator = await as(cast.mediator);
    await openForm(mediator, cast.mediator, id, 'record-session');
    await formOf(mediator).date('heldOn', '2026-03-02');
    await formOf(mediator).fill('Who attended?', 'Wisbech Food Bank\nFenland District Council');
    await formOf(mediator).fill('What happened', 'Both sides explained where they stand');
    await formOf(mediator).submit('Record the session');
    await expectDone(mediator, id);

    await openForm(mediator, cast.mediator, id, 'agree-resolution');
    await formOf(mediator).fill('The terms agreed', 'Phased reduction over twelve weeks');
    await formOf(mediator).fill('What is to be done', 'Pay the March instalment');
    await formOf(mediator).select('Who does it', 'Fenland District Council (party)');
    await formOf(mediator).date('actions-0-dueDate', '2026-03-31');
    await formOf(mediator).submit('Record the resolution');
    await expectDone(mediator, id);
    expect(await stageText(mediator)).toContain('Fenland District Council must carry out the agreed action “Pay the March instalment” by Tuesday 31 March 2026');

    await openForm(respondent, cast.respondent, id, 'complete-action');
    await formOf(respondent).choose('Pay the March instalment');
    await formOf(respondent).fill('What shows it was done? (optional)', 'Remittance 123');
    await formOf(respondent).submit('Record as done');
    await expectDone(respondent, id);
    await closedAs(id, 'resolved-by-mediation');
  }, 120_000);

  it('closes resolved-informally, then refuses a reopening the chair decides against', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    const respondent = await as(cast.respondent);
    await openForm(respondent, cast.respondent, id, 'acknowledge');
    await formOf(respondent).submit('Acknowledge');
    const complainant = await as(cast.complainant);
    await openForm(complainant, cast.complainant, id, 'agree-resolution');
    await formOf(complainant).fill('The terms agreed', 'Notice extended to 12 weeks');
    await formOf(complainant).submit('Record the resolution');
    await expectDone(complainant, id);
    await closedAs(id, 'resolved-informally');

    await openForm(complainant, cast.complainant, id, 'request-reopening');
    await formOf(complainant).choose('There is new evidence');
    await formOf(complainant).fill('Explain', 'The council has cut the grant again');
    await formOf(complainant).submit('Ask to reopen');
    await expectDone(complainant, id);
    const chair = await as(cast.chair);
    await openForm(chair, cast.chair, id, 'decide-reopening');
    await formOf(chair).choose('No: it stays closed');
    await formOf(chair).fill('Your reasons', 'The new cut is a new dispute');
    await formOf(chair).submit('Record the decision');
    await expectDone(chair, id);
    await closedAs(id, 'resolved-informally');
  }, 60_000);

  it('closes resolved-formally when the complainant records the agreement at stage 2', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    const complainant = await as(cast.complainant);
    await openForm(complainant, cast.complainant, id, 'agree-resolution');
    await formOf(complainant).fill('The terms agreed', 'Grant continues to June');
    await formOf(complainant).submit('Record the resolution');
    await expectDone(complainant, id);
    await closedAs(id, 'resolved-formally');
  }, 60_000);

  it('closes withdrawn when the complainant withdraws, after a note and a lesson', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    const complainant = await as(cast.complainant);
    await openForm(complainant, cast.complainant, id, 'add-note');
    await formOf(complainant).fill('Note', 'We are talking to the council directly');
    await formOf(complainant).submit('Add the note');
    await expectDone(complainant, id);
    expect(await complainant.text('#notes ~ .govuk-inset-text')).toContain('We are talking to the council directly');

    const secretariat = await as(cast.secretariat);
    await openForm(secretariat, cast.secretariat, id, 'record-lesson');
    await formOf(secretariat).fill('The lesson', 'Talk before cutting a grant');
    await formOf(secretariat).select('Which Compact clause is it about? (optional)', '3.2 Aim for contracts of at least three years, and give at least 12 weeks’ notice of changing or ending grant or contract terms, unless both agree to less.');
    await formOf(secretariat).submit('Record the lesson');
    await expectDone(secretariat, id);

    await openForm(complainant, cast.complainant, id, 'withdraw');
    expect(await complainant.text('.govuk-warning-text')).toContain('The case closes as withdrawn');
    await formOf(complainant).choose('It was resolved another way');
    await formOf(complainant).submit('Withdraw the dispute');
    await expectDone(complainant, id);
    await closedAs(id, 'withdrawn');
  }, 60_000);

  it('closes referred-externally when the complainant goes to the ombudsman, and the secretariat records its decision', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    const complainant = await as(cast.complainant);
    await openForm(complainant, cast.complainant, id, 'refer-externally');
    await formOf(complainant).choose('The Local Government Ombudsman');
    await formOf(complainant).fill('Their reference (optional)', 'LGO-1');
    await formOf(complainant).submit('Refer');
    await expectDone(complainant, id);
    await closedAs(id, 'referred-externally');

    const secretariat = await as(cast.secretariat);
    await openForm(secretariat, cast.secretariat, id, 'record-external-outcome');
    await formOf(secretariat).fill('What did they decide?', 'No fault found');
    await formOf(secretariat).submit('Record');
    await expectDone(secretariat, id);
  }, 60_000);

  it.each(['upheld', 'partly-upheld', 'not-upheld'] as const)(
    'closes %s after a panel appointed, suspended with the panel chair’s consent, heard and answered, all through the pages',
    async (finding) => {
      const id = await raise(cast.complainant, cast.orgs.council);
      await toFormalDecision(id);
      await run(cast.complainant, id, 'refer-to-cdg', { reason: 'Still apart' });

      const chair = await as(cast.chair);
      await openForm(chair, cast.chair, id, 'choose-route');
      await formOf(chair).choose('A panel hearing');
      await formOf(chair).submit('Choose this route');
      await expectDone(chair, id);
      // No clock runs until the panel is appointed, but the page says who must act.
      expect(await stageText(chair)).toContain('A panel hearing was chosen: the secretariat must appoint the panel.');

      const secretariat = await as(cast.secretariat);
      await openForm(secretariat, cast.secretariat, id, 'appoint-panel');
      await formOf(secretariat).select('Panel chair', 'Panel chair 1 – Independent: belongs to no signatory');
      await formOf(secretariat).select('Member from a statutory body', 'Panelist NHS – Cambridgeshire Community NHS Trust');
      await formOf(secretariat).select('Member from the voluntary and community sector', 'Panelist VCS – Ely Community Group');
      await formOf(secretariat).submit('Appoint the panel');
      await expectDone(secretariat, id);

      if (finding === 'upheld') {
        // Once a panel sits, a suspension needs its chair's consent too: refused without it, as the API refuses it.
        await openForm(secretariat, cast.secretariat, id, 'suspend');
        await formOf(secretariat).fill('Why is the case suspended?', 'The council is restructuring');
        await formOf(secretariat).fill('For how many working days?', '10');
        await formOf(secretariat).choose('Wisbech Food Bank');
        await formOf(secretariat).choose('Fenland District Council');
        await formOf(secretariat).submit('Suspend');
        expect((await secretariat.errors()).join(' ')).toMatch(/panel chair/i);
        await formOf(secretariat).choose('Yes');
        await formOf(secretariat).submit('Suspend');
        await expectDone(secretariat, id);
        expect(await stageText(secretariat)).toContain('The case is suspended until');
        await openForm(secretariat, cast.secretariat, id, 'resume');
        await formOf(secretariat).submit('Resume');
        await expectDone(secretariat, id);

        await openForm(secretariat, cast.secretariat, id, 'extend-deadline');
        await formOf(secretariat).fill('How many working days more?', '5');
        await formOf(secretariat).fill('Why?', 'The venue is not free');
        await formOf(secretariat).choose('Wisbech Food Bank');
        await formOf(secretariat).choose('Fenland District Council');
        await formOf(secretariat).submit('Extend');
        await expectDone(secretariat, id);
      }

      const panelChair = await as(cast.panelChair);
      await openForm(panelChair, cast.panelChair, id, 'record-hearing');
      await formOf(panelChair).date('heldOn', '2026-03-02');
      await formOf(panelChair).fill('What was heard', 'Both sides heard');
      await formOf(panelChair).submit('Record the hearing');
      await expectDone(panelChair, id);

      const panelVcs = await as(cast.panelVcs);
      await openForm(panelVcs, cast.panelVcs, id, 'issue-findings');
      await formOf(panelVcs).choose({ upheld: 'Upheld', 'partly-upheld': 'Partly upheld', 'not-upheld': 'Not upheld' }[finding]);
      await formOf(panelVcs).fill('The findings, in words', 'Notice was short of 12 weeks');
      if (finding !== 'not-upheld') {
        await formOf(panelVcs).fill('What is to be done', 'Reinstate the grant for 8 weeks');
        await formOf(panelVcs).select('Who does it', 'Fenland District Council (party)');
        await formOf(panelVcs).date('recommendations-0-dueDate', '2026-05-01');
      }
      await formOf(panelVcs).submit('Issue the findings');
      await expectDone(panelVcs, id);

      const complainant = await as(cast.complainant);
      await openForm(complainant, cast.complainant, id, 'respond-to-findings');
      await formOf(complainant).choose('Accept');
      await formOf(complainant).submit('Send the response');
      await expectDone(complainant, id);

      const respondent = await as(cast.respondent);
      await openForm(respondent, cast.respondent, id, 'respond-to-findings');
      if (finding === 'upheld') {
        await formOf(respondent).choose('Accept');
      } else {
        await formOf(respondent).choose('Partly accept');
        await formOf(respondent).submit('Send the response');
        // Comply or explain: the DTO's own message, in the words of the form.
        expect(await respondent.errors()).toEqual(['Your reasons are required unless the response is accept']);
        await formOf(respondent).fill('Your reasons (optional)', 'The budget is fixed');
      }
      await formOf(respondent).submit('Send the response');
      await expectDone(respondent, id);

      if (finding !== 'not-upheld') {
        await openForm(respondent, cast.respondent, id, 'complete-action');
        await formOf(respondent).choose('Reinstate the grant for 8 weeks');
        await formOf(respondent).submit('Record as done');
        await expectDone(respondent, id);
      }
      await closedAs(id, finding);
    },
    90_000,
  );

  it('shows not-pursued once the deadline scheduler records the missed decision window after a restart', async () => {
    const id = await raise(cast.complainant, cast.orgs.council);
    await toFormalDecision(id);
    const complainant = await as(cast.complainant);
    await complainant.goto(`/cases/${id}`);
    expect(await stageText(complainant)).toContain('Wisbech Food Bank must accept the response or refer the dispute to the Compact Development Group by Monday 30 March 2026');

    for (const user of users.values()) await user.close();
    users.clear();
    await e2e.restartAt('2026-03-31T09:00:00.000Z');
    await e2e.app.get(DeadlineScheduler).runOnce();
    await closedAs(id, 'not-pursued');
    expect(await stageText(await as(cast.complainant))).toContain('not pursued: the complainant did not decide in time');
  }, 60_000);
});
