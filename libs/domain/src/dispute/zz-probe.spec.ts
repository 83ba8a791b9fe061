import { DisputeScenario } from './testing/dispute-scenario.js';
const tryRun = (s: DisputeScenario, ...a: Parameters<DisputeScenario['run']>) => { try { const ev = s.run(...a); console.log('ok', s.state, ev.map(e => e.type).join(',')); } catch (e) { console.log('ERR', (e as Error).constructor.name, (e as Error).message); } };
it('probe', () => {
  const s = new DisputeScenario().raise();
  s.run('respondent', { name: 'acknowledge', payload: {} as never });
  s.run('complainant', { name: 'lodge-formal', payload: { grounds: 'g' } });
  s.run('respondent', { name: 'acknowledge', payload: {} as never });
  s.run('respondent', { name: 'respond', payload: { response: 'r' } });
  s.run('complainant', { name: 'agree-resolution', payload: { terms: 't', actions: [{ description: 'd', ownerId: 'council', dueDate: '2026-09-01' }] } });
  console.log(s.state, JSON.stringify(s.context.deadlines.map(d => [d.id, d.status, d.dueOn])));
  s.advance(40);
  const open = s.context.deadlines.find(d => d.status === 'open');
  if (open) tryRun(s, 'system', { name: 'record-missed-deadline', payload: { deadlineId: open.id } });
  console.log(s.context.outcome);
});
