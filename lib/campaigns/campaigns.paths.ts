/**
 * Termii's Campaign paths (phonebooks, contacts, campaigns), below the base URL, by operation: used by the
 * services to call Termii and by the emulator to answer, so the two can never disagree. `{id}` stands for
 * one path segment, filled in with `termiiPathWithId` (checked and encoded).
 */
export const CAMPAIGN_PATHS = Object.freeze({
  listPhonebooks: '/api/phonebooks',
  createPhonebook: '/api/phonebooks',
  updatePhonebook: '/api/phonebooks/{id}',
  deletePhonebook: '/api/phonebooks/{id}',
  listContacts: '/api/phonebooks/{id}/contacts',
  addContact: '/api/phonebooks/{id}/contacts',
  uploadContacts: '/api/phonebooks/contacts/upload',
  sendCampaign: '/api/sms/campaigns/send',
  listCampaigns: '/api/sms/campaigns',
  getCampaignHistory: '/api/sms/campaigns/{id}',
  retryCampaign: '/api/sms/campaigns/{id}',
} as const);
