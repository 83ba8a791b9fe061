import { type AgreedActionSpec } from '../actions/actions.events.js';
import { type ComputedWith, type DeadlineSpec } from '../clocks/deadline-rules.js';
import { type Finding, type FindingsResponse, type Route } from '../vocabulary.js';

/** A panel's recommendation: an agreed action in waiting, under its own id, until its owner accepts it (or is no party). */
export interface RecommendationSpec extends Omit<AgreedActionSpec, 'actionId'> {
  readonly recommendationId: string;
}

/** Stage 3: triage and the route, the appointments and challenges to them, mediation, the panel and its findings. */
export interface CdgEvents {
  /** `consentFrom`: the parties that agreed to the route (every party, for mediation). */
  RouteChosen: { readonly route: Route; readonly reason: string | null; readonly consentFrom: readonly string[] };
  MediatorAppointed: ComputedWith & {
    readonly personId: string;
    readonly objectionWindowEndsOn: string;
    readonly objectionWindowRule: string | null;
    readonly independenceChecked: readonly string[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  PanelAppointed: ComputedWith & {
    readonly chairId: string;
    readonly statutoryMemberId: string;
    readonly vcsMemberId: string;
    readonly objectionWindowEndsOn: string;
    readonly objectionWindowRule: string | null;
    readonly independenceChecked: readonly string[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  ConflictDeclared: { readonly personId: string; readonly interest: string; readonly deadlines: readonly DeadlineSpec[] };
  AppointmentObjected: { readonly personId: string; readonly organisationId: string; readonly grounds: string };
  ObjectionRuled: {
    readonly personId: string;
    readonly upheld: boolean;
    readonly reason: string;
    readonly deadlines: readonly DeadlineSpec[];
  };
  MediationSessionHeld: { readonly heldOn: string; readonly attendees: readonly string[]; readonly summary: string };
  MediationEnded: { readonly summary: string; readonly deadlines: readonly DeadlineSpec[] };
  PanelHearingHeld: { readonly heldOn: string; readonly summary: string; readonly deadlines: readonly DeadlineSpec[] };
  FindingsIssued: {
    readonly finding: Finding;
    readonly findings: string;
    readonly recommendations: readonly RecommendationSpec[];
    readonly deadlines: readonly DeadlineSpec[];
  };
  FindingsResponded: { readonly organisationId: string; readonly response: FindingsResponse; readonly reasons: string | null };
}
