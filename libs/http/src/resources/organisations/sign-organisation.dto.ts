import { SECTORS, type Sector } from '#domain';
import { OneOf, Text, TEXT } from '../shared/fields.js';

/** POST /organisations: a signatory joins the Compact. */
export class SignOrganisationDto {
  @Text(TEXT.short, { description: 'The organisation\'s name.', example: 'Fenland District Council' })
  readonly name!: string;

  @OneOf(SECTORS, { description: 'statutory (council, NHS body, parish council) or vcs (voluntary and community sector).' })
  readonly sector!: Sector;

  @Text(TEXT.short, { description: 'What kind of body it is, in words (district council, NHS trust, charity, ...).', example: 'district council' })
  readonly type!: string;
}
