import { describe, expect, it } from 'vitest';
import {
  CONNECTIONS_HEADER_2018,
  CONNECTIONS_HEADER_2024,
  ENDORSEMENTS_GIVEN_HEADER_2024,
  ENDORSEMENTS_RECEIVED_HEADER_2022,
  ENDORSEMENTS_RECEIVED_HEADER_2024,
  errorCode,
  INVITATIONS_HEADER_2018,
  INVITATIONS_HEADER_2024,
  lines,
  MESSAGES_HEADER_2022,
  OWNER_KEY,
  OWNER_URL,
  parseBytes,
  parseZip,
  POSITIONS_HEADER,
  PREAMBLE,
  PROFILE_HEADER,
  RECOMMENDATIONS_HEADER,
  tempFile,
  utf16le,
} from './fixtures.ts';
import { parseExport } from '../../../../domain/linkedin-export/index.ts';

const CONNECTIONS_2024 =
  PREAMBLE +
  lines(
    CONNECTIONS_HEADER_2024,
    'Åsa,Ångström,https://www.linkedin.com/in/%C3%A5sa-%C3%A5ngstr%C3%B6m-%F0%9F%8C%B1,,"Acme, Inc.",Engineer,01 Jan 2020',
    'John,Roe,https://www.linkedin.com/in/john-roe,,Initech GmbH,CTO,01 Jan 2020',
    'José,García,https://www.linkedin.com/in/jose-garcia,,Hooli,PM,01 Jan 2020',
    'Kim,Lee,https://www.linkedin.com/in/kim-lee-1,,,,01 Jan 2020',
    'Kim,Lee,https://www.linkedin.com/in/kim-lee-2,,,,01 Jan 2020',
  );
const ASA = 'linkedin.com/in/åsa-ångström-🌱';

describe('Invitations.csv', () => {
  it('7 columns (2024+): direction, note and sentAt, joined by raw-Unicode URL to a percent-encoded connection', async () => {
    const invitations = lines(
      INVITATIONS_HEADER_2024,
      `Alex Morgan,Åsa Ångström,"3/2/24, 7:01 PM","Great meeting you, Åsa!",OUTGOING,${OWNER_URL},https://www.linkedin.com/in/åsa-ångström-🌱`,
      `John Roe,Alex Morgan,"1/15/24, 8:30 AM",,INCOMING,https://www.linkedin.com/in/john-roe,${OWNER_URL}`,
      `John Roe,Alex Morgan,"1/10/23, 8:30 AM",Old one,INCOMING,https://www.linkedin.com/in/john-roe,${OWNER_URL}`,
      'Nobody,Alex Morgan,"1/10/23, 8:30 AM",,SIDEWAYS,,',
    );
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': invitations });
    expect(parsed.files.find((f) => f.kind === 'invitations')).toMatchObject({ era: 'invitations-2024', rows: 3, rejected: 1, dateRange: { from: '2023-01-10', to: '2024-03-02' } });
    expect(parsed.evidence.get(ASA)).toMatchObject({ invitationDirection: 'outgoing', invitationNote: 'Great meeting you, Åsa!', invitationSentAt: '2024-03-02T19:01:00.000Z' });
    // The latest invitation with a person wins.
    expect(parsed.evidence.get('linkedin.com/in/john-roe')).toMatchObject({ invitationDirection: 'incoming', invitationNote: null, invitationSentAt: '2024-01-15T08:30:00.000Z' });
    expect(parsed.owner?.profileKey).toBe(OWNER_KEY);
    expect(parsed.rejected[0]?.reason).toContain('SIDEWAYS');
  });

  it('the invitee of an INCOMING invitation identifies the owner too', async () => {
    const invitations = lines(INVITATIONS_HEADER_2024, `John Roe,Alex Morgan,"1/15/24, 8:30 AM",,INCOMING,https://www.linkedin.com/in/john-roe,${OWNER_URL}`);
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': invitations });
    expect(parsed.owner?.profileKey).toBe(OWNER_KEY);
  });

  it('5 columns (2018–2022): joined by name to URL-less connections', async () => {
    const connections = PREAMBLE + lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,,,09 Sep 2022');
    const invitations = lines(INVITATIONS_HEADER_2018, 'Alex Morgan,Jane  Doe,"9/9/22, 10:01 AM",Hi Jane,OUTGOING');
    const parsed = await parseZip({ 'Connections.csv': connections, 'Invitations.csv': invitations });
    expect(parsed.files.find((f) => f.kind === 'invitations')?.era).toBe('invitations-2018');
    expect(parsed.evidence.get('name:jane doe')).toMatchObject({ invitationDirection: 'outgoing', invitationNote: 'Hi Jane' });
    expect(parsed.owner).toBeNull();
  });

  it('never joins by name when Connections has URLs', async () => {
    const invitations = lines(INVITATIONS_HEADER_2018, 'Alex Morgan,John Roe,"9/9/22, 10:01 AM",,OUTGOING');
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': invitations });
    expect(parsed.evidence.size).toBe(0);
  });
});

describe('Recommendations', () => {
  it('join by name (case, accents and spaces ignored) and are marked as the weaker name match', async () => {
    const received = lines(RECOMMENDATIONS_HEADER, 'ASA ,angstrom,Acme,Engineer,"Åsa is great.  Truly.","04/15/24, 09:25 PM",VISIBLE');
    const given = lines(
      RECOMMENDATIONS_HEADER,
      'jose,GARCIA,Hooli,PM,Text,"04/16/24, 09:25 PM",',
      // Two connections share this name: no join, kept under its own name key.
      'Kim,Lee,,,Text,"04/17/24, 09:25 PM",',
      'Pat,Stranger,,,Text,"04/18/24, 09:25 PM",',
    );
    const parsed = await parseZip({
      'Connections.csv': CONNECTIONS_2024,
      'Recommendations_Received.csv': received,
      'Recommendations_Given.csv': given,
    });
    expect(parsed.files.filter((f) => f.kind.startsWith('recommendations'))).toMatchObject([
      { kind: 'recommendations_received', era: 'recommendations-received', rows: 1, dateRange: { from: '2024-04-15', to: '2024-04-15' } },
      { kind: 'recommendations_given', era: 'recommendations-given', rows: 3 },
    ]);
    expect(parsed.evidence.get(ASA)).toMatchObject({ recommendationsReceived: 1, recommendationMatch: 'name' });
    expect(parsed.evidence.get('linkedin.com/in/jose-garcia')).toMatchObject({ recommendationsGiven: 1, recommendationMatch: 'name' });
    expect(parsed.evidence.get('name:kim lee')).toMatchObject({ recommendationsGiven: 1, recommendationMatch: 'name' });
    expect(parsed.evidence.has('linkedin.com/in/kim-lee-1')).toBe(false);
    expect(parsed.evidence.get('name:pat stranger')?.recommendationsGiven).toBe(1);
  });
});

describe('Endorsements', () => {
  it('2024: schemeless raw-Unicode Public Url joins the percent-encoded connection; only ACCEPTED or empty status counts', async () => {
    const received = lines(
      ENDORSEMENTS_RECEIVED_HEADER_2024,
      '2024/01/02 03:04:05 UTC,TypeScript,Åsa,Ångström,www.linkedin.com/in/åsa-ångström-🌱,ACCEPTED',
      '2024/01/03 03:04:05 UTC,Leadership,Åsa,Ångström,www.linkedin.com/in/åsa-ångström-🌱,',
      '2024/01/04 03:04:05 UTC,Go,Åsa,Ångström,www.linkedin.com/in/åsa-ångström-🌱,PENDING',
      '2024/01/05 03:04:05 UTC,Go,,,,ACCEPTED',
    );
    const given = lines(ENDORSEMENTS_GIVEN_HEADER_2024, '2024/02/01 03:04:05 UTC,SQL,John,Roe,www.linkedin.com/in/john-roe,ACCEPTED');
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Endorsement_Received_Info.csv': received, 'Endorsement_Given_Info.csv': given });
    expect(parsed.files.filter((f) => f.kind.startsWith('endorsements'))).toMatchObject([
      { era: 'endorsements-received-2024', rows: 3, rejected: 1, dateRange: { from: '2024-01-02', to: '2024-01-05' } },
      { era: 'endorsements-given-2024', rows: 1 },
    ]);
    expect(parsed.evidence.get(ASA)?.endorsementsReceived).toBe(2);
    expect(parsed.evidence.get('linkedin.com/in/john-roe')?.endorsementsGiven).toBe(1);
  });

  const CONNECTIONS_2022 = PREAMBLE + lines(CONNECTIONS_HEADER_2018, 'Zoë,Ek,,,,09 Sep 2022');
  const UTF16_HEADER = ['Endorsement Date', 'Skill Name', 'Endorser First Name', 'Endorser Last Name', 'Endorsement Status', 'Display Status'];
  const utf16Rows = (...rows: string[][]): Uint8Array => utf16le([UTF16_HEADER, ...rows].map((r) => r.map((c) => `"${c}"`).join('\t')).join('\r\n'));
  const RECEIVED_2022 = lines(ENDORSEMENTS_RECEIVED_HEADER_2022, '2022/08/01 10:00:00 UTC,SQL,Zoë,Ek,ACCEPTED');

  it('2022 UTF-16LE TAB variant on its own', async () => {
    const parsed = await parseZip({
      'Connections.csv': CONNECTIONS_2022,
      'Endorsement Received Info.csv': utf16Rows(['2022/08/01 10:00:00 UTC', 'SQL', 'Zoë', 'Ek', 'ACCEPTED', 'SHOWN'], ['2022/08/02 10:00:00 UTC', 'Go', 'Zoë', 'Ek', 'Redacted', 'HIDDEN']),
    });
    expect(parsed.files.find((f) => f.kind === 'endorsements_received')).toMatchObject({ era: 'endorsements-utf16', rows: 2 });
    expect(parsed.evidence.get('name:zoë ek')?.endorsementsReceived).toBe(1);
  });

  it('reads only the UTF-8 copy when both spellings of the file exist, whatever the order', async () => {
    const utf16 = utf16Rows(['2022/08/01 10:00:00 UTC', 'SQL', 'Zoë', 'Ek', 'ACCEPTED', 'SHOWN']);
    for (const files of [
      { 'Connections.csv': CONNECTIONS_2022, 'Endorsement Received Info.csv': utf16, 'Endorsement_Received_Info.csv': RECEIVED_2022 },
      { 'Connections.csv': CONNECTIONS_2022, 'Endorsement_Received_Info.csv': RECEIVED_2022, 'Endorsement Received Info.csv': utf16 },
    ]) {
      const parsed = await parseZip(files);
      expect(parsed.files.filter((f) => f.kind === 'endorsements_received')).toMatchObject([{ name: 'Endorsement_Received_Info.csv', era: 'endorsements-received-2022' }]);
      expect(parsed.evidence.get('name:zoë ek')?.endorsementsReceived).toBe(1);
    }
  });
});

describe('owner files and shared employers', () => {
  it('Profile.csv describes the owner; Positions.csv gives shared employers, suffixes and accents ignored', async () => {
    const profile = lines(PROFILE_HEADER, 'Alex,Morgan,,Somewhere,Mar 31,"Founder, Rapport","Long, long summary",Software,,,[alexm],,[SKYPE:alex]');
    const positions = lines(
      POSITIONS_HEADER,
      'ACME Inc,Engineer,"Built things, mostly",Berlin,Sep 2019,',
      'Initech Ltd.,Intern,,,2015,Jun 2016',
      'Hôoli Corp,PM,,,Jan 2012,Dec 2014',
    );
    const connections =
      PREAMBLE +
      lines(
        CONNECTIONS_HEADER_2024,
        'John,Roe,https://www.linkedin.com/in/john-roe,,Initech GmbH,CTO,01 Jan 2020',
        'Ana,Lee,https://www.linkedin.com/in/ana-lee,,"Acme, Inc.",Engineer,01 Jan 2020',
        'Ben,Ode,https://www.linkedin.com/in/ben-ode,,HOOLI,PM,01 Jan 2020',
        'Cy,Ng,https://www.linkedin.com/in/cy-ng,,Acme Labs,PM,01 Jan 2020',
        'Di,Ox,https://www.linkedin.com/in/di-ox,,,PM,01 Jan 2020',
      );
    const parsed = await parseZip({ 'Profile.csv': profile, 'Positions.csv': positions, 'Connections.csv': connections });
    expect(parsed.owner).toEqual({ profileKey: null, firstName: 'Alex', lastName: 'Morgan', headline: 'Founder, Rapport', summary: 'Long, long summary', industry: 'Software' });
    expect(parsed.positions).toEqual([
      { company: 'ACME Inc', title: 'Engineer', startedOn: '2019-09-01', finishedOn: null },
      { company: 'Initech Ltd.', title: 'Intern', startedOn: '2015-01-01', finishedOn: '2016-06-01' },
      { company: 'Hôoli Corp', title: 'PM', startedOn: '2012-01-01', finishedOn: '2014-12-01' },
    ]);
    expect(parsed.evidence.get('linkedin.com/in/john-roe')?.sharedEmployer).toBe('Initech Ltd.');
    expect(parsed.evidence.get('linkedin.com/in/ana-lee')?.sharedEmployer).toBe('ACME Inc');
    expect(parsed.evidence.get('linkedin.com/in/ben-ode')?.sharedEmployer).toBe('Hôoli Corp');
    expect(parsed.evidence.has('linkedin.com/in/cy-ng')).toBe(false);
    expect(parsed.evidence.has('linkedin.com/in/di-ox')).toBe(false);
    expect(parsed.files.map((f) => [f.kind, f.era])).toEqual([
      ['profile', 'profile'],
      ['positions', 'positions'],
      ['connections', 'connections-2024'],
    ]);
  });

  it('a lone CSV of another kind is recognised by its header', async () => {
    const parsed = await parseBytes(lines(ENDORSEMENTS_GIVEN_HEADER_2024, '2024/02/01 03:04:05 UTC,SQL,John,Roe,www.linkedin.com/in/john-roe,ACCEPTED'));
    expect(parsed.files).toMatchObject([{ kind: 'endorsements_given', era: 'endorsements-given-2024', rows: 1 }]);
    expect(parsed.evidence.get('linkedin.com/in/john-roe')?.endorsementsGiven).toBe(1);
  });
});

describe('a lone CSV upload and its LinkedIn file name', () => {
  const given = lines(RECOMMENDATIONS_HEADER, 'Jose,Garcia,Hooli,PM,Text,"04/16/24, 09:25 PM",');

  it('reads Recommendations_Given.csv as given, as its name says, and an unnamed one as received', async () => {
    const named = await parseExport(await tempFile(given, 'Recommendations_Given.csv'));
    expect(named.files).toMatchObject([{ kind: 'recommendations_given', rows: 1 }]);
    const renamed = await parseExport(await tempFile(given, 'upload'), { fileName: 'my recommendations.csv' });
    expect(renamed.files).toMatchObject([{ kind: 'recommendations_received', rows: 1 }]);
  });

  it('takes the name the subscriber uploaded, not the spooled file', async () => {
    const parsed = await parseExport(await tempFile(given, 'upload'), { fileName: 'Recommendations_Given.csv' });
    expect(parsed.files).toMatchObject([{ kind: 'recommendations_given' }]);
  });

  it.each(['coach_messages.csv', 'guide_messages.csv', 'learning_coach_messages.csv', 'LearningCoachMessages.csv', 'learning_role_play_messages.csv'])(
    'refuses %s in words: the messages header, but no messages with people',
    async (name) => {
      const file = await tempFile(lines(MESSAGES_HEADER_2022, 'c1,,Coach,https://www.linkedin.com/in/coach,Alex Morgan,2024-01-01 10:00:00 UTC,,Hi,INBOX'), name);
      expect(await errorCode(parseExport(file))).toBe('not_person_messages');
      await expect(parseExport(file)).rejects.toThrow(/not with people in your network/);
    },
  );

  it('still reads messages.csv uploaded alone as messages', async () => {
    const file = await tempFile(lines(MESSAGES_HEADER_2022, 'c1,,Jun Ito,https://www.linkedin.com/in/jun-ito,Alex Morgan,2024-01-01 10:00:00 UTC,,Hi,INBOX'), 'messages.csv');
    expect((await parseExport(file)).files).toMatchObject([{ kind: 'messages' }]);
  });
});
