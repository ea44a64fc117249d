/**
 * Termii's Campaign paths (phonebooks, contacts, campaigns), below the base URL, by operation: used by the
 * services to call Termii and by the emulator to answer, so the two can never disagree. `{id}` stands for
 * one path segment, filled in with `termiiPathWithId` (checked and encoded).
 */
export const CAMPAIGN_PATHS = Object.freeze({
  /** GET: the phonebooks, a page at a time. */
  listPhonebooks: '/api/phonebooks',
  /** POST: a new phonebook (Termii answers no id). */
  createPhonebook: '/api/phonebooks',
  /** PATCH: rename or redescribe a phonebook. */
  updatePhonebook: '/api/phonebooks/{id}',
  /** DELETE: a phonebook, key in the query. */
  deletePhonebook: '/api/phonebooks/{id}',
  /** GET: a phonebook's contacts, a page at a time. */
  listContacts: '/api/phonebooks/{id}/contacts',
  /** POST: one contact into a phonebook. */
  addContact: '/api/phonebooks/{id}/contacts',
  /** POST, multipart: a CSV of contacts, processed in the background. */
  uploadContacts: '/api/phonebooks/contacts/upload',
  /** POST: a campaign to a phonebook, now or at a set time. */
  sendCampaign: '/api/sms/campaigns/send',
  /** GET: the campaigns, a page at a time. */
  listCampaigns: '/api/sms/campaigns',
  /** GET: a campaign's messages, per recipient. */
  getCampaignHistory: '/api/sms/campaigns/{id}',
  /** PATCH: send a campaign's failed messages again. */
  retryCampaign: '/api/sms/campaigns/{id}',
} as const);
