/**
 * How a member gets "Get a copy of your data" out of LinkedIn: the words every email that asks for
 * an upload and the guided start's upload step both show, so they never disagree.
 */

/** LinkedIn's own page for requesting the export (Settings & Privacy → Data privacy). */
export const LINKEDIN_EXPORT_PAGE = 'https://www.linkedin.com/mypreferences/d/download-my-data';

export const EXPORT_REQUEST_STEPS = [
  'On LinkedIn, open Settings & Privacy, then Data privacy, then “Get a copy of your data”.',
  'Choose the larger archive for the richest digest, or pick Connections, Messages and Invitations for a quicker one.',
  'LinkedIn emails you a download link: within minutes for a few data types, within 24 hours for the full archive. It works for 72 hours.',
  'Upload the zip as it is. There is no need to unpack or edit it.',
] as const;
