import { type INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  type CaseCommandRequest,
  CLOCK,
  RaiseDispute,
  type RaiseDisputeBody,
  RegisterPerson,
  RunDisputeCommand,
  RunSystemCommand,
  type SettableClock,
  SignOrganisation,
} from '#application';
import { EVENT_STORE, type EventStore } from '#event-store';
import { DEMO_ADMIN, demoKeys, principalOf } from './demo-directory.js';
import { type DemoPlan, type PlannedStep } from './demo-plan.js';
import { DemoStepError, placeOf } from './demo-step-error.js';
import { ENGINE } from './demo-world.js';
import { type EngineCommand } from './engine-duties.js';

export interface DemoToken {
  readonly label: string;
  readonly roles: readonly string[];
  readonly organisation: string | null;
  readonly token: string;
}

export interface DemoSummary {
  readonly organisations: number;
  readonly people: number;
  readonly cases: number;
  readonly commands: number;
  readonly tokens: DemoToken[];
}

/**
 * Sends a demo plan through the real command path into an empty store, setting the clock to each
 * step's instant first. The deadline scheduler must not run meanwhile: what it would record is in
 * the plan already. A refused step stops the load with a DemoStepError naming the case, the step
 * and the instant.
 */
export async function loadDemoPlan(app: INestApplicationContext, plan: DemoPlan): Promise<DemoSummary> {
  const store = app.get<EventStore>(EVENT_STORE);
  if ((await store.headPosition()) > 0n) throw new Error('The store already holds events: the demo loads only into an empty data directory.');
  const commands = app.get(CommandBus);
  const clock = app.get<SettableClock>(CLOCK);
  if (typeof clock.set !== 'function') throw new Error('The demo needs a settable clock (CLOCK_FIXED).');
  const planned = (what: string, answered: string, expected: string) => {
    // The ids are derived from the Idempotency-Keys; a mismatch means the derivation moved (demo-directory.ts).
    if (answered !== expected) throw new Error(`The command path gave ${what} the id ${answered}, not the planned ${expected}.`);
  };

  clock.set(plan.registeredAt);
  const organisationNames = new Map<string, string>();
  for (const o of plan.directory.organisations) {
    const r = await commands.execute(new SignOrganisation(DEMO_ADMIN, { name: o.name, sector: o.sector, type: o.type }, { idempotencyKey: demoKeys.organisation(o.key) }));
    planned(o.name, r.id, o.id);
    organisationNames.set(o.id, o.name);
  }
  const tokens: DemoToken[] = [];
  const principals = new Map(plan.directory.people.map((p) => [p.id, principalOf(p)]));
  for (const p of plan.directory.people) {
    const body = { name: p.name, email: p.email, roles: p.roles, organisationId: p.organisationId, compactLeadFor: p.compactLeadFor };
    const r = await commands.execute(new RegisterPerson(DEMO_ADMIN, body, { idempotencyKey: demoKeys.person(p.key) }));
    planned(p.name, r.id, p.id);
    tokens.push({ label: p.name, roles: p.roles, organisation: p.organisationId ? (organisationNames.get(p.organisationId) ?? null) : null, token: r.token });
  }

  for (const step of plan.steps) {
    const c = plan.cases[step.caseIndex]!;
    clock.set(step.at);
    try {
      await send(commands, step, c.id, principals);
    } catch (error) {
      throw new DemoStepError(placeOf(step, c, plan.now, (by) => (by === ENGINE ? 'the engine' : (principals.get(by)?.name ?? by))), error);
    }
  }
  clock.set(plan.now);
  return {
    organisations: plan.directory.organisations.length,
    people: plan.directory.people.length,
    cases: plan.cases.length,
    commands: plan.directory.organisations.length + plan.directory.people.length + plan.steps.length,
    tokens,
  };
}

async function send(commands: CommandBus, step: PlannedStep, caseId: string, principals: ReadonlyMap<string, ReturnType<typeof principalOf>>): Promise<void> {
  const options = { idempotencyKey: step.idempotencyKey };
  if (step.by === ENGINE) {
    await commands.execute(new RunSystemCommand(caseId, step.command as EngineCommand, options));
    return;
  }
  const principal = principals.get(step.by);
  if (!principal) throw new Error(`no demo person ${step.by}`);
  if (step.command.name === 'raise') {
    const r = await commands.execute(new RaiseDispute(principal, step.command.payload as unknown as RaiseDisputeBody, options));
    if (r.id !== caseId) throw new Error(`The command path gave the case the id ${r.id}, not the planned ${caseId}.`);
    return;
  }
  await commands.execute(new RunDisputeCommand(principal, caseId, step.command as CaseCommandRequest, options));
}
