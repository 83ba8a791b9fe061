/**
 * The Compact's numbered undertakings (sections 1–5 of the 2007 Cambridgeshire Compact), kept as
 * data: a dispute, an agreed action and a lesson cite them by id. Each has a kind, so the Codes of
 * Good Practice can join the list later as clauses of another kind without a new pattern anywhere.
 * The descriptions are short summaries in our own words, for pages and the annual report.
 */
export const CLAUSE_KINDS = ['undertaking'] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/** Who a section binds: every partner, or one sector. */
export type BoundBy = 'all-partners' | 'statutory' | 'vcs';

export interface CompactSection {
  readonly number: number;
  readonly title: string;
  readonly boundBy: BoundBy;
}

export interface CompactClause {
  readonly id: string;
  readonly kind: ClauseKind;
  readonly section: number;
  readonly description: string;
}

export const COMPACT_SECTIONS: readonly CompactSection[] = [
  { number: 1, title: 'Shared vision and values', boundBy: 'all-partners' },
  { number: 2, title: 'Shared commitments', boundBy: 'all-partners' },
  { number: 3, title: 'Statutory sector undertakings', boundBy: 'statutory' },
  { number: 4, title: 'Voluntary and community sector undertakings', boundBy: 'vcs' },
  { number: 5, title: 'Knowing whether the Compact works', boundBy: 'all-partners' },
];

const undertaking = (id: string, description: string): CompactClause => ({
  id,
  kind: 'undertaking',
  section: Number(id.split('.')[0]),
  description,
});

export const COMPACT_CLAUSES: readonly CompactClause[] = [
  undertaking('1.1', 'Work together for the good of Cambridgeshire’s communities, valuing what partnership adds.'),
  undertaking('1.2', 'Treat an independent and varied voluntary and community sector as essential to a democratic society.'),
  undertaking('1.3', 'Respect how much voluntary groups differ in size, resources, membership and ways of working.'),
  undertaking('1.4', 'Value the different but complementary roles of the voluntary sector and statutory bodies.'),
  undertaking('1.5', 'Respond to local issues together, across sectors, through the strategic partnerships and the Local Area Agreement.'),
  undertaking('1.6', 'Be open and honest, act with integrity and accountability, keep confidences and declare relevant interests.'),
  undertaking('1.7', 'Promote equal opportunity for everyone, whatever their age, gender, disability, sexuality, race or faith.'),
  undertaking('2.1', 'Look for chances and resources to improve the services people in Cambridgeshire receive.'),
  undertaking('2.2', 'Plan and provide services sustainably, and see that strategic partnerships are properly represented.'),
  undertaking('2.3', 'Strengthen the voluntary sector’s voice through the county’s voluntary sector infrastructure consortium.'),
  undertaking('2.4', 'Include the smaller groups that get no statutory funding in developing the Compact.'),
  undertaking('2.5', 'Develop, with the Compact Development Group, codes of practice on funding, consultation and small groups.'),
  undertaking('2.6', 'Encourage disputes to be settled, and run a process for breakdowns in communication and negotiation (section 6).'),
  undertaking('2.7', 'Agree quality standards for each sector’s services, with the training and monitoring they need funded.'),
  undertaking('2.8', 'Build relationships in which every partner counts equally and each understands the others’ roles and limits.'),
  undertaking('2.9', 'Recognise the value of strong voluntary sector infrastructure bodies, both general and specialist.'),
  undertaking('2.10', 'Respect the decisions of elected members and boards, who must balance everyone’s needs when sharing out resources.'),
  undertaking('3.1', 'Keep a long-term policy for supporting and investing in the voluntary sector, Compact compliance included.'),
  undertaking('3.2', 'Aim for contracts of at least three years, and give at least 12 weeks’ notice of changing or ending grant or contract terms, unless both agree to less.'),
  undertaking('3.3', 'Consult the sector so that commissioning, funding and monitoring become consistent.'),
  undertaking('3.4', 'Consult the sector well, with at least 12 weeks for a consultation wherever possible.'),
  undertaking('3.5', 'Respect voluntary organisations’ right to run their own affairs for the people they serve.'),
  undertaking('3.6', 'Respect the sector’s right to campaign lawfully and to challenge public policy, funded or not.'),
  undertaking('3.7', 'Draw on the sector’s knowledge and ideas when shaping policy, strategy and services.'),
  undertaking('4.1', 'Give value for money and account for public funds, with proper standards and monitoring of services.'),
  undertaking('4.2', 'Involve service users as far as possible in shaping and running services.'),
  undertaking('4.3', 'Tell communities about their services, in accessible formats too.'),
  undertaking('5.1', 'The Compact Development Group sets indicators that show whether partners work the Compact way.'),
  undertaking('5.2', 'An action plan provides for an annual review, a yearly work programme and the codes of practice.'),
  undertaking('5.3', 'A county-wide annual report tells every partner what progress has been made.'),
  undertaking('5.4', 'Every partner puts the Compact into practice; councils name a lead councillor, other bodies a board member.'),
  undertaking('5.5', 'The County Council services the Compact Development Group, which carries the work forward.'),
];

const BY_ID: ReadonlyMap<string, CompactClause> = new Map(COMPACT_CLAUSES.map((c) => [c.id, c]));

export const compactClause = (id: string): CompactClause | undefined => BY_ID.get(id);

export const isCompactClause = (id: unknown): id is string => typeof id === 'string' && BY_ID.has(id);

/** "1.1–1.7, 2.1–2.10, ...": the known ids, section by section, for error messages. */
export const KNOWN_CLAUSE_RANGES: string = COMPACT_SECTIONS.map((s) => {
  const ids = COMPACT_CLAUSES.filter((c) => c.section === s.number).map((c) => c.id);
  return `${ids[0]}–${ids[ids.length - 1]}`;
}).join(', ');
