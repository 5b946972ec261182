import { describe, expect, it } from 'vitest';
import { inspectExport } from '../../../../domain/linkedin-export/index.ts';
import {
  CONNECTIONS_HEADER_2024,
  errorCode,
  INVITATIONS_HEADER_2024,
  lines,
  MESSAGES_HEADER_2024,
  OWNER_URL,
  POSITIONS_HEADER,
  PREAMBLE,
  RECOMMENDATIONS_HEADER,
  tempFile,
  zip,
} from './fixtures.ts';

describe('inspectExport', () => {
  it('summarises an upload as plain, JSON-serialisable counts', async () => {
    const path = await tempFile(
      zip({
        'Connections.csv':
          PREAMBLE +
          lines(
            CONNECTIONS_HEADER_2024,
            'Jane,Doe,https://www.linkedin.com/in/jane-doe,jane@example.com,Acme,Engineer,01 Jan 2020',
            'John,Roe,https://www.linkedin.com/in/john-roe,,Initech,CTO,02 Jan 2021',
            'Ana,Lee,,,,,03 Jan 2021',
            ',,,,,,04 Jan 2021',
            'Broken row',
          ),
        'Invitations.csv': lines(INVITATIONS_HEADER_2024, `Alex Morgan,John Roe,"2/1/24, 9:00 AM",Hi,OUTGOING,${OWNER_URL},https://www.linkedin.com/in/john-roe`),
        'messages.csv': lines(
          MESSAGES_HEADER_2024,
          `c1,,Alex Morgan,${OWNER_URL},Jane Doe,https://www.linkedin.com/in/jane-doe,2024-03-01 10:00:00 UTC,,hi,INBOX,No,No`,
          `c1,,Jane Doe,https://www.linkedin.com/in/jane-doe,Alex Morgan,${OWNER_URL},2024-03-02 10:00:00 UTC,,hello,INBOX,No,No`,
        ),
        'Recommendations_Received.csv': lines(RECOMMENDATIONS_HEADER, 'Ana,Lee,,,Text,"04/15/24, 09:25 PM",VISIBLE'),
        'Positions.csv': lines(POSITIONS_HEADER, 'Initech,Engineer,,,Jan 2019,'),
      }),
    );
    const inspection = await inspectExport(path, { fileName: 'Complete_LinkedInDataExport_03-05-2024.zip' });
    expect(JSON.parse(JSON.stringify(inspection))).toEqual(inspection);
    expect(inspection).toEqual({
      format: 'zip',
      files: [
        { name: 'Positions.csv', kind: 'positions', era: 'positions', rows: 1, rejected: 0, unreadableDates: 0, dateRange: { from: '2019-01-01', to: '2019-01-01' } },
        { name: 'Connections.csv', kind: 'connections', era: 'connections-2024', rows: 4, rejected: 1, unreadableDates: 0, dateRange: { from: '2020-01-01', to: '2021-01-04' } },
        { name: 'Invitations.csv', kind: 'invitations', era: 'invitations-2024', rows: 1, rejected: 0, unreadableDates: 0, dateRange: { from: '2024-02-01', to: '2024-02-01' } },
        { name: 'messages.csv', kind: 'messages', era: 'messages-2024', rows: 2, rejected: 0, unreadableDates: 0, dateRange: { from: '2024-03-01', to: '2024-03-02' } },
        {
          name: 'Recommendations_Received.csv',
          kind: 'recommendations_received',
          era: 'recommendations-received',
          rows: 1,
          rejected: 0,
          unreadableDates: 0,
          dateRange: { from: '2024-04-15', to: '2024-04-15' },
        },
      ],
      rejected: [{ file: 'Connections.csv', record: 5, reason: '1 cells where the header has 7' }],
      unreadableDates: 0,
      connections: 3,
      anonymousConnections: 1,
      connectionsWithUrl: 2,
      connectionsWithEmail: 1,
      ownerProfileKnown: true,
      evidence: {
        people: 3,
        connectionsWithAnyEvidence: 3,
        connectionsWithTwoWayThreads: 1,
        twoWayThreads: 1,
        connectionsWithMessages: 1,
        connectionsWithInvitation: 1,
        connectionsWithRecommendation: 1,
        connectionsWithRecommendationByName: 1,
        connectionsWithEndorsement: 0,
        connectionsWithSharedEmployer: 1,
      },
      dateRange: { from: '2019-01-01', to: '2024-04-15' },
    });
  });

  it('fails with the same ExportError codes as parseExport', async () => {
    expect(await errorCode(inspectExport(await tempFile('%PDF-1.4\n')))).toBe('not_zip_or_csv');
  });
});
