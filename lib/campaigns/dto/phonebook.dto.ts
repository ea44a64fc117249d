import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_CAMPAIGN_NAME_LENGTH, MAX_PHONEBOOK_DESCRIPTION_LENGTH, OptionalTextRules } from './campaign-fields.js';

/** Input of `PhonebookService.create` and `update`: the phonebook's name and, optionally, a description. */
export class PhonebookDto {
  /** The phonebook's name (`phonebook_name`): 1 to 100 characters, not blank. */
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(MAX_CAMPAIGN_NAME_LENGTH, { message: `name must be at most ${MAX_CAMPAIGN_NAME_LENGTH} characters` })
  name!: string;

  /** What the phonebook is for (`description`), up to 500 characters; left out of the request when not given. */
  @OptionalTextRules('description', MAX_PHONEBOOK_DESCRIPTION_LENGTH)
  description?: string;
}
