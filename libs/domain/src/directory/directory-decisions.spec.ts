import { RuleViolationError, ValidationError } from '#core';
import { conflictsOfInterest } from './conflict-of-interest.js';
import {
  decideDeactivatePerson,
  decideGrantRole,
  decideMovePerson,
  decideOrganisationLeave,
  decideRegisterPerson,
  decideRevokeRole,
  decideRotateToken,
} from './directory-decisions.js';
import { type DirectoryEvent } from './directory-events.js';
import { type OrganisationRecord, type PersonRecord, type RegistrationLookup } from './directory-lookup.js';
import { evolveOrganisation, evolvePerson, type PersonState } from './directory-state.js';

const org = (organisationId: string, name: string, sector: 'statutory' | 'vcs', leftAt: string | null = null): OrganisationRecord => ({
  organisationId,
  name,
  sector,
  type: sector === 'statutory' ? 'district council' : 'charity',
  signedAt: '2020-01-01T00:00:00.000Z',
  leftAt,
});
const ORGS: Record<string, OrganisationRecord> = {
  council: org('council', 'Fenland District Council', 'statutory'),
  charity: org('charity', 'Wisbech Food Bank', 'vcs'),
  departed: org('departed', 'Old Trust', 'vcs', '2025-06-30T00:00:00.000Z'),
};
/** Already registered and active: the email rule looks them up by address, whatever the case. */
const HOLDER: PersonRecord = { personId: 'p9', name: 'Council officer', email: 'Officer@Council.example', roles: ['partner'], organisationId: 'council', memberships: [], compactLeadFor: [] };
const directory: RegistrationLookup = {
  organisation: (id) => ORGS[id],
  person: () => undefined,
  activePersonByEmail: (email) => (email.toLowerCase() === HOLDER.email.toLowerCase() ? HOLDER : undefined),
};

/** given: these events at these instants, folded as the write side and the projection fold them. */
function given(...history: [DirectoryEvent, string][]): PersonState {
  const person = history.reduce<PersonState | null>((state, [event, at]) => evolvePerson(state, event, at), null);
  if (!person) throw new Error('no person');
  return person;
}

const registered = (roles: string[], organisationId: string | null = 'council'): [DirectoryEvent, string] => [
  decideRegisterPerson('p1', { name: 'Mediator 2', email: 'm2@example.org', roles, organisationId }, 'hash-1', directory)[0] as DirectoryEvent,
  '2024-06-03T09:00:00.000Z',
];
const at = (instant: string, events: DirectoryEvent[]): [DirectoryEvent, string] => [events[0] as DirectoryEvent, instant];

const ruleCode = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolationError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the directory', () => {
  describe('registering a person', () => {
    it('keeps the personal details (name, email) apart from the rest, for erasure later', () => {
      const [event] = registered(['mediator']);
      expect(event).toEqual({
        type: 'PersonRegistered',
        data: { personId: 'p1', personal: { name: 'Mediator 2', email: 'm2@example.org' }, organisationId: 'council', roles: ['mediator'], compactLeadFor: [], tokenHash: 'hash-1' },
      });
    });

    it('still reads a person registered at schema 1, with name and email at the top level', () => {
      const v1 = { type: 'PersonRegistered', data: { personId: 'p0', name: 'Old', email: 'old@example.org', organisationId: null, roles: ['chair'], compactLeadFor: [], tokenHash: 'h' } };
      expect(evolvePerson(null, v1 as unknown as DirectoryEvent, '2024-01-01T00:00:00.000Z')).toMatchObject({ name: 'Old', email: 'old@example.org', roles: ['chair'] });
    });

    it('refuses an email address an active person already has, whatever its case, naming them', () => {
      const register = () => decideRegisterPerson('p2', { name: 'Y', email: 'officer@council.EXAMPLE', roles: ['mediator'] }, 'h', directory);
      expect(ruleCode(register)).toBe('DIRECTORY.EMAIL_TAKEN');
      expect(register).toThrow('officer@council.EXAMPLE is already the email address of Council officer (p9)');
    });

    it('lets a retried registration of the same person through the email rule (the stream check answers it)', () => {
      expect(decideRegisterPerson('p9', { name: 'Council officer', email: HOLDER.email, roles: ['partner'], organisationId: 'council' }, 'h', directory)).toHaveLength(1);
    });

    it('refuses joining an organisation that has left the Compact, naming it', () => {
      expect(() => decideRegisterPerson('p2', { name: 'X', email: 'x@example.org', roles: ['partner'], organisationId: 'departed' }, 'h', directory)).toThrow(
        'Old Trust (departed) has left the Compact',
      );
    });
  });

  describe('roles', () => {
    it('grants a role the person does not hold', () => {
      const person = given(registered(['mediator']));
      expect(decideGrantRole(person, 'panelist')).toEqual([{ type: 'RoleGranted', data: { personId: 'p1', role: 'panelist' } }]);
      expect(evolvePerson(person, { type: 'RoleGranted', data: { personId: 'p1', role: 'panelist' } }, '2024-07-01T00:00:00.000Z')?.roles).toEqual(['mediator', 'panelist']);
    });

    it('refuses a role already held, or the engine\'s own', () => {
      const person = given(registered(['mediator']));
      expect(ruleCode(() => decideGrantRole(person, 'mediator'))).toBe('DIRECTORY.ROLE_ALREADY_HELD');
      expect(() => decideGrantRole(person, 'system')).toThrow(ValidationError);
    });

    it('refuses making someone a partner who belongs to no organisation', () => {
      expect(ruleCode(() => decideGrantRole(given(registered(['mediator'], null)), 'partner'))).toBe('DIRECTORY.PARTNER_NEEDS_ORGANISATION');
    });

    it('revokes a role held, and refuses one that is not', () => {
      const person = given(registered(['mediator', 'panelist']));
      expect(decideRevokeRole(person, 'panelist')).toEqual([{ type: 'RoleRevoked', data: { personId: 'p1', role: 'panelist' } }]);
      expect(ruleCode(() => decideRevokeRole(person, 'chair'))).toBe('DIRECTORY.ROLE_NOT_HELD');
    });
  });

  describe('moving between organisations', () => {
    it('closes the membership that ends at the move and opens the next, with dates', () => {
      const first = given(registered(['mediator']));
      const moved = given(registered(['mediator']), at('2026-01-02T10:00:00.000Z', decideMovePerson(first, 'charity', directory)));
      expect(moved.organisationId).toBe('charity');
      expect(moved.memberships).toEqual([
        { organisationId: 'council', from: '2024-06-03T09:00:00.000Z', to: '2026-01-02T10:00:00.000Z' },
        { organisationId: 'charity', from: '2026-01-02T10:00:00.000Z', to: null },
      ]);
    });

    it('records where they came from, and may take them to no organisation', () => {
      expect(decideMovePerson(given(registered(['mediator'])), null, directory)).toEqual([
        { type: 'MembershipChanged', data: { personId: 'p1', organisationId: null, previousOrganisationId: 'council' } },
      ]);
    });

    it('refuses a move to the organisation they are in, to one that left, to none for a partner, and to an unknown one', () => {
      expect(ruleCode(() => decideMovePerson(given(registered(['mediator'])), 'council', directory))).toBe('DIRECTORY.ALREADY_MEMBER');
      expect(ruleCode(() => decideMovePerson(given(registered(['mediator'])), 'departed', directory))).toBe('DIRECTORY.ORGANISATION_LEFT');
      expect(ruleCode(() => decideMovePerson(given(registered(['partner'])), null, directory))).toBe('DIRECTORY.PARTNER_NEEDS_ORGANISATION');
      expect(() => decideMovePerson(given(registered(['mediator'])), 'nowhere', directory)).toThrow(ValidationError);
    });

    it('feeds the 12-month conflict-of-interest rule: two months after leaving a party is too soon, thirteen is not', () => {
      const person = given(registered(['mediator']), at('2026-01-02T10:00:00.000Z', decideMovePerson(given(registered(['mediator'])), null, directory)));
      expect(conflictsOfInterest(person, ['council', 'charity'], '2026-03-02T10:00:00.000Z', directory)).toEqual([
        'belonged to party organisation Fenland District Council (council) until 2026-01-02, less than 12 months ago',
      ]);
      expect(conflictsOfInterest(person, ['council', 'charity'], '2027-02-02T10:00:00.000Z', directory)).toEqual([]);
    });

    it('judges every past membership of a party against the same date twelve months back, and needs none for a current one', () => {
      const person = {
        ...given(registered(['mediator'])),
        memberships: [
          { organisationId: 'charity', from: '2019-01-01T00:00:00.000Z', to: null },
          { organisationId: 'council', from: '2020-01-01T00:00:00.000Z', to: '2025-03-02T10:00:00.000Z' },
          { organisationId: 'council', from: '2025-06-01T00:00:00.000Z', to: '2025-03-02T09:59:59.999Z' },
          { organisationId: 'other', from: '2020-01-01T00:00:00.000Z', to: '2026-03-01T10:00:00.000Z' },
        ],
      };
      expect(conflictsOfInterest(person, ['council', 'charity'], '2026-03-02T10:00:00.000Z')).toEqual([
        'belongs to party organisation charity',
        'belonged to party organisation council until 2025-03-02, less than 12 months ago',
      ]);
      expect(conflictsOfInterest({ ...person, memberships: person.memberships.slice(0, 1) }, ['council'], 'not a time')).toEqual([]);
    });
  });

  describe('deactivation and tokens', () => {
    it('withdraws the token and refuses every later change', () => {
      const person = given(registered(['mediator']), at('2026-02-01T10:00:00.000Z', decideDeactivatePerson(given(registered(['mediator'])), 'Left the county')));
      expect(person).toMatchObject({ tokenHash: null, deactivatedAt: '2026-02-01T10:00:00.000Z' });
      for (const attempt of [
        () => decideGrantRole(person, 'chair'),
        () => decideRevokeRole(person, 'mediator'),
        () => decideMovePerson(person, 'charity', directory),
        () => decideDeactivatePerson(person, 'again'),
        () => decideRotateToken(person, 'hash-2'),
      ]) {
        expect(ruleCode(attempt)).toBe('DIRECTORY.PERSON_DEACTIVATED');
      }
    });

    it('issues a new token hash in place of the old one', () => {
      const person = given(registered(['mediator']));
      const events = decideRotateToken(person, 'hash-2');
      expect(events).toEqual([{ type: 'TokenIssued', data: { personId: 'p1', tokenHash: 'hash-2' } }]);
      expect(evolvePerson(person, events[0] as DirectoryEvent, '2026-02-01T10:00:00.000Z')?.tokenHash).toBe('hash-2');
    });

    it('refuses deactivation without a reason', () => {
      expect(() => decideDeactivatePerson(given(registered(['mediator'])), '  ')).toThrow(ValidationError);
    });
  });

  describe('an organisation leaving the Compact', () => {
    it('records the leaving once, with its date, and refuses a second', () => {
      const signed = evolveOrganisation(null, { type: 'OrganisationSigned', data: { organisationId: 'charity', name: 'Wisbech Food Bank', sector: 'vcs', type: 'charity' } }, '2024-01-01T00:00:00.000Z');
      if (!signed) throw new Error('not signed');
      const events = decideOrganisationLeave(signed, 'Wound up');
      expect(events).toEqual([{ type: 'OrganisationLeft', data: { organisationId: 'charity', reason: 'Wound up' } }]);
      const left = evolveOrganisation(signed, events[0] as DirectoryEvent, '2026-02-01T10:00:00.000Z');
      expect(left).toMatchObject({ leftAt: '2026-02-01T10:00:00.000Z' });
      expect(ruleCode(() => decideOrganisationLeave(left as OrganisationRecord, 'Again'))).toBe('DIRECTORY.ORGANISATION_ALREADY_LEFT');
    });
  });
});
