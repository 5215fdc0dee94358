/** The id of the one `finance.company` record the logo is uploaded to (recordType `finance.company`). */
export const COMPANY_RECORD_ID = '00000000-0000-4000-8000-00000000c0de';
