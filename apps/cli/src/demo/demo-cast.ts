/**
 * The demo's signatories: fictional bodies of the kinds that sign a county Compact, so that no
 * real organisation is shown in a dispute. People are named by role only.
 */
export const DEMO_ORGANISATIONS: readonly { key: string; name: string; sector: 'statutory' | 'vcs'; type: string }[] = [
  { key: 'county', name: 'Fenshire County Council', sector: 'statutory', type: 'county council' },
  { key: 'city', name: 'Camford City Council', sector: 'statutory', type: 'city council' },
  { key: 'south', name: 'South Fenshire District Council', sector: 'statutory', type: 'district council' },
  { key: 'east', name: 'East Fenshire District Council', sector: 'statutory', type: 'district council' },
  { key: 'marsh', name: 'Marshland District Council', sector: 'statutory', type: 'district council' },
  { key: 'hunts', name: 'Ouse Valley District Council', sector: 'statutory', type: 'district council' },
  { key: 'trust', name: 'Fenshire Community Health NHS Trust', sector: 'statutory', type: 'NHS trust' },
  { key: 'icb', name: 'NHS Fenshire Integrated Care Board', sector: 'statutory', type: 'NHS integrated care board' },
  { key: 'police', name: 'Fenshire Police', sector: 'statutory', type: 'police force' },
  { key: 'fire', name: 'Fenshire Fire and Rescue Service', sector: 'statutory', type: 'fire and rescue authority' },
  { key: 'parish1', name: 'Little Ouseham Parish Council', sector: 'statutory', type: 'parish council' },
  { key: 'parish2', name: 'Saxford Parish Council', sector: 'statutory', type: 'parish council' },
  { key: 'town', name: 'Marchley Town Council', sector: 'statutory', type: 'town council' },
  { key: 'cvs', name: 'Camford Council for Voluntary Service', sector: 'vcs', type: 'infrastructure body' },
  { key: 'forum', name: 'Ouse Valley Voluntary Forum', sector: 'vcs', type: 'infrastructure body' },
  { key: 'rural', name: 'Fenshire Rural Community Action', sector: 'vcs', type: 'rural community council' },
  { key: 'advice', name: 'Camford Advice Centre', sector: 'vcs', type: 'advice charity' },
  { key: 'age', name: 'Older People Fenshire', sector: 'vcs', type: 'charity' },
  { key: 'refuge', name: 'Fenshire Refuge and Outreach', sector: 'vcs', type: 'charity' },
  { key: 'youth', name: 'Camford Youth Counselling', sector: 'vcs', type: 'charity' },
  { key: 'food', name: 'Marshland Food Bank', sector: 'vcs', type: 'charity' },
  { key: 'transport', name: 'Saxford Community Transport', sector: 'vcs', type: 'community interest company' },
  { key: 'refugees', name: 'Marchley Refugee Support Group', sector: 'vcs', type: 'community group' },
  { key: 'mind', name: 'Fenshire Mental Health Alliance', sector: 'vcs', type: 'charity' },
  { key: 'carers', name: 'Fenshire Carers Network', sector: 'vcs', type: 'charity' },
  { key: 'arts', name: 'Ouse Valley Arts Trust', sector: 'vcs', type: 'charitable trust' },
  { key: 'sport', name: 'Camford Community Sport', sector: 'vcs', type: 'social enterprise' },
];

export interface DemoTopic {
  readonly clauses: readonly string[];
  readonly summary: string;
  readonly desired: string;
  /** The dispute gives the 3.2 notice dates / the 3.4 consultation dates. */
  readonly notice?: boolean;
  readonly consultation?: boolean;
}

/** The clauses partners most often disagree over (numbered undertakings of the Compact only), with what such a dispute is typically about. */
export const DEMO_TOPICS: readonly DemoTopic[] = [
  { clauses: ['3.2'], summary: 'Grant reduced with less than 12 weeks notice', desired: 'Twelve weeks notice before any change', notice: true },
  { clauses: ['3.4'], summary: 'Consultation on service changes closed after four weeks', desired: 'A consultation of at least twelve weeks', consultation: true },
  { clauses: ['3.3'], summary: 'Funding offered for one year only', desired: 'A three-year funding agreement' },
  { clauses: ['2.6', '4.1'], summary: 'Partner withdrew from joint project without discussion', desired: 'Restart joint planning meetings' },
  { clauses: ['3.2', '3.4'], summary: 'Day centre contract ended after a short consultation', desired: 'Reinstate the contract while consulting properly', notice: true, consultation: true },
  { clauses: ['4.2'], summary: 'Monitoring returns requested at short notice and in a new format', desired: 'Proportionate monitoring agreed in advance' },
  { clauses: ['3.1'], summary: 'Sector not consulted on commissioning plan', desired: 'Involve the sector before commissioning decisions' },
  { clauses: ['4.3'], summary: 'Organisation did not represent its users views accurately', desired: 'Correct the record and agree how views are gathered' },
];

export const DEMO_STAFF = {
  secretariat: ['Secretariat officer 1', 'Secretariat officer 2'],
  chair: 'CDG chair',
  mediators: ['Mediator 1', 'Mediator 2', 'Mediator 3'],
  panelChairs: ['Independent panel chair 1', 'Independent panel chair 2'],
  auditor: 'Auditor 1',
  admin: 'Administrator 1',
};
