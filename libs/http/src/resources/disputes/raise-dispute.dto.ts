import { isValidIsoDate } from '#domain';
import { EXAMPLE_IDS } from '../shared/examples.js';
import { ClauseList, Custom, Flag, IdList, IsoDate, NestedObject, Text, TEXT } from '../shared/fields.js';

/** Dates for the arithmetic clause checks (3.2 notice, 3.4 consultation); all optional. */
export class ClauseDatesDto {
  @IsoDate({ presence: 'optional', description: '3.2: the day notice of the change was received.' })
  readonly noticeReceived?: string;

  @IsoDate({ presence: 'optional', description: '3.2: the day the change took (or will take) effect.' })
  readonly changeEffective?: string;

  @Custom('shorterNoticeAgreed', (value) => (typeof value === 'boolean' || isValidIsoDate(value) ? null : 'must be true, false or a real date as YYYY-MM-DD'), {
    presence: 'optional',
    oneOf: [{ type: 'boolean' }, { type: 'string', format: 'date' }],
    description: '3.2: both sides recorded written agreement to shorter notice: true, or the day they agreed.',
  })
  readonly shorterNoticeAgreed?: boolean | string;

  @IsoDate({ presence: 'optional', description: '3.4: the day consultation materials were received.' })
  readonly consultationOpened?: string;

  @IsoDate({ presence: 'optional', description: '3.4: the day the consultation closed.' })
  readonly consultationClosed?: string;

  @Text(TEXT.medium, { presence: 'optional', description: '3.4: the recorded reason for a consultation shorter than 12 weeks.' })
  readonly shorterConsultationReason?: string;
}

/** POST /disputes: a partner raises a dispute for their organisation. */
export class RaiseDisputeDto {
  @IdList({ min: 1, max: 20, description: 'The organisations the dispute is raised against.', example: [EXAMPLE_IDS.respondent] })
  readonly respondentIds!: string[];

  @ClauseList({ min: 1, max: 20, description: 'The Compact undertakings the dispute is about.', example: ['3.2', '4.1'] })
  readonly clauses!: string[];

  @Text(300, { description: 'One line that names the dispute.', example: 'Grant cut at four weeks\' notice' })
  readonly summary!: string;

  @Text(TEXT.long, { description: 'What happened.', example: 'Our grant was cut with four weeks\' notice, in the middle of the winter appeal.' })
  readonly details!: string;

  @Text(TEXT.medium, { description: 'What the complainant wants to happen.', example: 'Twelve weeks\' notice' })
  readonly desiredOutcome!: string;

  @Flag({
    presence: 'optional',
    description: 'Ask for the urgent track (the disputed change takes effect within 12 weeks): the informal stage is skipped and every deadline is halved.',
    example: false,
  })
  readonly urgent?: boolean;

  @NestedObject(() => ClauseDatesDto, { presence: 'optional', description: 'Dates for the clause checks.' })
  readonly dates?: ClauseDatesDto;
}
