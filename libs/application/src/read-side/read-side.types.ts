import { type OwedBy, type Role } from '#domain';
import { type CaseSummaryRow } from '#projections';

export type { DisputeListFilters } from '#projections';

/** One row of GET /disputes: the summary fields of a case, as the case list read model keeps them (who is appointed stays inside). */
export type DisputeSummary = Omit<CaseSummaryRow, 'appointees'>;

export interface DisputeList {
  readonly items: DisputeSummary[];
  /** Opaque; pass back as `cursor` for the next page. null on the last page. */
  readonly nextCursor: string | null;
}

/** One line of GET /work-queue. */
export interface WorkQueueItem {
  readonly caseId: string;
  readonly summary: string;
  /** The case's dotted state. */
  readonly state: string;
  /**
   * `task`, or `alert`: a CDG deadline recorded missed (for the chair), or, in the CDG's queue, a
   * step another queue holds that is overdue (for the secretariat to chase); one per clock.
   */
  readonly kind: 'task' | 'alert';
  /** The clock: a deadline step (`acknowledgement`, `formal-response`, ...), `agreed-action` or `objection`. */
  readonly step: string;
  /** The command to send (`POST /disputes/{caseId}/{action}`); null when there is none (resolving informally, alerts). */
  readonly action: string | null;
  /** Other commands that also settle the step. */
  readonly alternatives: readonly string[];
  readonly title: string;
  readonly dueOn: string | null;
  readonly owedBy: OwedBy | 'owner';
  /** The organisation that owes it, when an organisation does. */
  readonly organisationId?: string;
  /** The role that acts on it. */
  readonly forRole: Role;
  readonly deadlineId?: string;
  readonly actionId?: string;
  /** Due before today (London): the same test as the list's `overdue`. */
  readonly overdue: boolean;
  /** Due today or within the next 2 working days. */
  readonly reminder: boolean;
  /** Its deadline has been recorded missed (DeadlineMissed) and the step is still outstanding. */
  readonly missed: boolean;
}

export interface WorkQueue {
  readonly items: WorkQueueItem[];
}
