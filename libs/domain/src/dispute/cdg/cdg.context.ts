import { type RecommendationSpec } from './cdg.events.js';
import { type Finding, type FindingsResponse, type Route } from '../vocabulary.js';

export interface Objection {
  readonly personId: string;
  readonly organisationId: string;
  readonly grounds: string;
  readonly status: 'pending' | 'upheld' | 'dismissed';
}

export interface Panel {
  readonly chairId: string;
  readonly statutoryMemberId: string;
  readonly vcsMemberId: string;
}

/** What stage 3 keeps: the route, who is (and was) appointed, the objections, the findings and the answers to them. */
export interface CdgContext {
  readonly route: Route | null;
  readonly mediatorId: string | null;
  readonly panel: Panel | null;
  /** People who served on the case and stood down in the ordinary course: they keep their view of it. */
  readonly formerAppointees: readonly string[];
  /** People who declared a conflict on this case or were removed on an upheld objection: never re-appointed to it. */
  readonly disqualifiedAppointees: readonly string[];
  readonly objectionWindowEndsOn: string | null;
  readonly objections: readonly Objection[];
  readonly mediationSessions: number;
  readonly finding: Finding | null;
  readonly recommendations: readonly RecommendationSpec[];
  readonly findingsResponses: readonly {
    readonly organisationId: string;
    readonly response: FindingsResponse | 'none';
    readonly reasons: string | null;
  }[];
}

export const EMPTY_CDG: CdgContext = {
  route: null,
  mediatorId: null,
  panel: null,
  formerAppointees: [],
  disqualifiedAppointees: [],
  objectionWindowEndsOn: null,
  objections: [],
  mediationSessions: 0,
  finding: null,
  recommendations: [],
  findingsResponses: [],
};
