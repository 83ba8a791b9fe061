import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Type } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ListOrganisations, ListPeople, type PeopleList, type Principal } from '#application';
import { AppError, type FieldError, ForbiddenError, NotAllowedInStateError, RuleViolationError, StaleRevisionError, ValidationError } from '#core';
import { COMPACT_CLAUSES, type OrganisationRecord } from '#domain';
import { RequestValidationPipe } from '#http';
import { type FormBody } from '../platform/form-body.js';
import { type FormErrors, formErrorsOf, formProblem, NO_ERRORS } from '../platform/form-errors.js';
import { answersOf, type Choice, type ChoiceSource, type FormField, govukPhrase, inputIdOf } from './form-fields.js';

/** What a form's choices are drawn from: the case as this person sees it, when the form is about a case. */
export interface ChoiceContext {
  readonly principal: Principal;
  readonly parties?: readonly { readonly organisationId: string; readonly name: string }[];
  readonly appointees?: readonly Choice[];
  readonly openActions?: readonly Choice[];
  readonly pendingObjections?: readonly Choice[];
}

/** A field as the template draws it: its choices, the answer given, its error. */
export interface DrawnField extends FormField {
  readonly id: string;
  readonly items: readonly Choice[];
  readonly value: unknown;
  readonly error: string | null;
  readonly rows?: readonly { readonly index: number; readonly fields: readonly DrawnField[] }[];
}

const validation = new RequestValidationPipe();

/**
 * What every page form shares: drawing its fields with their choices, the answers given and the
 * engine's errors; validating answers with the API's own DTO (so the messages are the API's,
 * field by field); and turning what the engine refuses into a GOV.UK error summary.
 */
@Injectable()
export class FormPage {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /** The body, validated and transformed by the DTO exactly as the API's pipe does it; throws its ValidationError. */
  async validated(dto: Type, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const value = await validation.transform(body, { type: 'body', metatype: dto, data: undefined } as never);
    return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  }

  /** A refusal as the form shows it; anything that is not the engine saying no is thrown on (a 404, a fault). */
  errorsOf(error: unknown, fields: readonly FormField[]): { readonly errors: FormErrors; readonly status: number } {
    const first = fields[0] ? inputIdOf(fields[0]) : 'submit';
    if (error instanceof ValidationError) {
      return { errors: error.errors.length > 0 ? this.fieldErrors(error.errors, fields, first) : formProblem(error.message, first), status: 400 };
    }
    if (error instanceof StaleRevisionError) {
      return { errors: formProblem('Someone else changed this case while you were filling in this form. Check what has happened, then send it again.', first), status: 412 };
    }
    if (error instanceof NotAllowedInStateError || error instanceof RuleViolationError) return { errors: formProblem(error.message, first), status: 409 };
    if (error instanceof ForbiddenError) return { errors: formProblem(error.message, first), status: 403 };
    if (error instanceof AppError && error.code.startsWith('DIRECTORY.')) return { errors: formProblem(error.message, first), status: 409 };
    throw error;
  }

  private fieldErrors(errors: readonly FieldError[], fields: readonly FormField[], first: string): FormErrors {
    const labels: Record<string, string> = {};
    const ids = new Map<string, string>();
    for (const f of fields) {
      labels[f.name] = f.label;
      ids.set(f.name, inputIdOf(f));
      for (const r of f.rowFields ?? []) labels[`${f.name}.*.${r.name}`] = `${r.label}`;
    }
    const idOf = (field: string) => {
      const row = /^(\w+)\.(\d+)\.(\w+)$/.exec(field);
      if (row) {
        const f = fields.find((x) => x.name === row[1])?.rowFields?.find((r) => r.name === row[3]);
        return f ? inputIdOf(f, `${row[1]}-${row[2]}-`) : undefined;
      }
      return ids.get(field);
    };
    const specOf = (field: string): FormField | undefined => {
      const row = /^(\w+)\.(\d+)\.(\w+)$/.exec(field);
      return row ? fields.find((x) => x.name === row[1])?.rowFields?.find((r) => r.name === row[3]) : fields.find((x) => x.name === field);
    };
    // Dates come from three boxes: say "a real date", not "YYYY-MM-DD".
    const plain = errors.map((e) => ({ field: e.field, message: e.message.replace(' as YYYY-MM-DD', '') }));
    return formErrorsOf(plain, labels, first, idOf, (field, problem) => govukPhrase(specOf(field), problem));
  }

  /** The fields as the template draws them. `rows` is how many rows a repeated group shows. */
  async draw(fields: readonly FormField[], context: ChoiceContext, body: FormBody | undefined, errors: FormErrors = NO_ERRORS, extraRows: Readonly<Record<string, number>> = {}): Promise<DrawnField[]> {
    const answers = answersOf(fields, body);
    const drawn: DrawnField[] = [];
    for (const field of fields) {
      const items = field.choices === undefined ? [] : await this.choices(field.choices, context);
      if (field.kind === 'rows') {
        const given = (answers[field.name] as Record<string, string>[]) ?? [];
        const count = Math.min(50, Math.max(given.length + (extraRows[field.name] ?? 0), body === undefined ? 1 : given.length, 1));
        const rows = [];
        for (let index = 0; index < count; index++) {
          const rowBody = given[index] ?? {};
          const prefix = `${field.name}-${index}-`;
          const rowFields: DrawnField[] = [];
          for (const r of field.rowFields ?? []) {
            const rowItems = r.choices === undefined ? [] : await this.choices(r.choices, context);
            rowFields.push({
              ...r,
              id: inputIdOf(r, prefix),
              name: `${field.name}[${index}].${r.name}`,
              items: rowItems,
              value: answersOf([r], rowBody as FormBody)[r.name],
              error: errors.byField[`${field.name}.${index}.${r.name}`] ?? null,
            });
          }
          rows.push({ index, fields: rowFields });
        }
        drawn.push({ ...field, id: `${field.name}-0-${field.rowFields?.[0]?.name ?? 'x'}`, items, value: given, error: errors.byField[field.name] ?? null, rows });
        continue;
      }
      drawn.push({ ...field, id: inputIdOf(field), items, value: answers[field.name], error: errors.byField[field.name] ?? null });
    }
    return drawn;
  }

  /** A fresh key for a form: sending it twice (a double click, a retry) does it once. */
  idempotencyKey(): string {
    return randomUUID();
  }

  private async choices(source: ChoiceSource, context: ChoiceContext): Promise<Choice[]> {
    if (typeof source !== 'string') return [...source];
    switch (source) {
      case 'parties':
        return (context.parties ?? []).map((p) => ({ value: p.organisationId, text: p.name }));
      case 'organisations': {
        const all = ((await this.queries.execute(new ListOrganisations())) as { items: OrganisationRecord[] }).items;
        const parties = new Set((context.parties ?? []).map((p) => p.organisationId));
        const ordered = [...all.filter((o) => parties.has(o.organisationId)), ...all.filter((o) => !parties.has(o.organisationId) && o.leftAt === null)];
        return [{ value: '', text: 'Choose an organisation' }, ...ordered.map((o) => ({ value: o.organisationId, text: `${o.name}${parties.has(o.organisationId) ? ' (party)' : ''}` }))];
      }
      case 'organisations-or-none': {
        const all = ((await this.queries.execute(new ListOrganisations())) as { items: OrganisationRecord[] }).items;
        return [{ value: '', text: 'Choose an organisation' }, { value: 'none', text: 'None: they act for no organisation' }, ...all.filter((o) => o.leftAt === null).map((o) => ({ value: o.organisationId, text: o.name }))];
      }
      case 'other-organisations': {
        // Signatories other than the person's own, which a dispute may be raised against.
        const all = ((await this.queries.execute(new ListOrganisations())) as { items: OrganisationRecord[] }).items;
        return all.filter((o) => o.leftAt === null && o.organisationId !== context.principal.organisationId).map((o) => ({ value: o.organisationId, text: o.name, hint: o.type }));
      }
      case 'clauses':
        return [{ value: '', text: 'None' }, ...COMPACT_CLAUSES.map((c) => ({ value: c.id, text: `${c.id} ${c.description}` }))];
      case 'clause-list':
        return COMPACT_CLAUSES.map((c) => ({ value: c.id, text: `Clause ${c.id}`, hint: c.description }));
      case 'appointees':
        return [...(context.appointees ?? [])];
      case 'open-actions':
        return [...(context.openActions ?? [])];
      case 'pending-objections':
        return [...(context.pendingObjections ?? [])];
      case 'mediators':
      case 'panelists': {
        const people: PeopleList = await this.queries.execute(new ListPeople(context.principal, { role: source === 'mediators' ? 'mediator' : 'panelist', active: true }, null, 100));
        const choicesOf = people.items.map((p) => ({ value: p.id, text: p.name, hint: p.organisationName ?? 'Independent: belongs to no signatory' }));
        return source === 'panelists' ? [{ value: '', text: 'Choose a panel member' }, ...choicesOf] : choicesOf;
      }
    }
  }
}
