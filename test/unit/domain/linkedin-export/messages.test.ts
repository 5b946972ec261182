import { describe, expect, it } from 'vitest';
import { emptyEvidence } from '../../../../domain/linkedin-export/evidence.ts';
import {
  CONNECTIONS_HEADER_2018,
  CONNECTIONS_HEADER_2024,
  INVITATIONS_HEADER_2024,
  lines,
  MESSAGES_HEADER_2018,
  MESSAGES_HEADER_2022,
  MESSAGES_HEADER_2024,
  MESSAGES_HEADER_2026,
  OWNER_KEY,
  OWNER_URL,
  parseBytes,
  parseZip,
  PREAMBLE,
  PROFILE_HEADER,
  zip,
} from './fixtures.ts';

const url = (slug: string): string => `https://www.linkedin.com/in/${slug}`;
const key = (slug: string): string => `linkedin.com/in/${slug}`;

const CONNECTIONS_2024 =
  PREAMBLE +
  lines(
    CONNECTIONS_HEADER_2024,
    `Jane,Doe,${url('jane-doe')},,Acme,Engineer,01 Jan 2020`,
    `John,Roe,${url('john-roe')},,Initech,CTO,01 Jan 2020`,
    `Ana,Lee,${url('ana-lee')},,,,01 Jan 2020`,
    `Raj,Patel,${url('raj-patel')},,,,01 Jan 2020`,
    `Mia,Wong,${url('mia-wong')},,,,01 Jan 2020`,
  );

const INVITATIONS_2024 = lines(INVITATIONS_HEADER_2024, `Alex Morgan,Ana Lee,"2/1/24, 9:00 AM",,OUTGOING,${OWNER_URL},${url('ana-lee')}`);

/** One messages.csv row in the 12-column 2024 shape. */
function row2024(conversation: string, title: string, from: string, fromUrl: string, to: string, toUrls: string, date: string, subject = '', folder = 'INBOX', draft = 'No'): string {
  return [conversation, title, from, fromUrl, to, toUrls, date, subject, 'message text', folder, draft, 'No'].map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
}

const MESSAGES_2024 = lines(
  MESSAGES_HEADER_2024,
  // c1: a two-way 1:1 thread with Jane.
  row2024('c1', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2024-03-01 10:00:00 UTC'),
  row2024('c1', '', 'Jane Doe', url('jane-doe'), 'Alex Morgan', OWNER_URL, '2024-03-02 10:00:00 UTC'),
  row2024('c1', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2024-03-03 10:00:00 UTC'),
  // c2: the owner wrote to John, who never answered.
  row2024('c2', '', 'Alex Morgan', OWNER_URL, 'John Roe', url('john-roe'), '2024-04-01 10:00:00 UTC'),
  // c3: a group thread; recipient URLs comma-joined without a space.
  row2024('c3', 'Offsite', 'Alex Morgan', OWNER_URL, 'Jane Doe, Ana Lee', `${url('jane-doe')},${url('ana-lee')}`, '2024-05-01 10:00:00 UTC'),
  row2024('c3', 'Offsite', 'Ana Lee', url('ana-lee'), 'Alex Morgan, Jane Doe', `${OWNER_URL},${url('jane-doe')}`, '2024-05-02 10:00:00 UTC'),
  // c4: sponsored, and the owner's one-click answer to `LinkedIn Member`.
  row2024('c4', 'Sponsored Conversation', 'LinkedIn Member', '', 'Alex Morgan', OWNER_URL, '2024-06-01 10:00:00 UTC', 'Grow with us'),
  row2024('c4', 'Sponsored Conversation', 'Alex Morgan', OWNER_URL, 'LinkedIn Member', '', '2024-06-02 10:00:00 UTC'),
  // c5: a recruiter InMail to the owner, never answered.
  row2024('c5', 'Opportunity: CTO at Hooli', 'Raj Patel', url('raj-patel'), 'Alex Morgan', OWNER_URL, '2024-07-01 10:00:00 UTC', 'Opportunity: CTO at Hooli'),
  // c6: an InMail that did get an answer.
  row2024('c6', '', 'Mia Wong', url('mia-wong'), 'Alex Morgan', OWNER_URL, '2024-08-01 10:00:00 UTC', 'Quick question'),
  row2024('c6', '', 'Alex Morgan', OWNER_URL, 'Mia Wong', url('mia-wong'), '2024-08-02 10:00:00 UTC'),
  // Spam and drafts are not messages between people.
  row2024('c7', '', 'Raj Patel', url('raj-patel'), 'Alex Morgan', OWNER_URL, '2024-09-01 10:00:00 UTC', '', 'SPAM'),
  row2024('c8', '', 'Alex Morgan', OWNER_URL, 'Raj Patel', url('raj-patel'), '2024-09-02 10:00:00 UTC', '', 'INBOX', 'Yes'),
  // LinkedIn writes some unsent drafts with no CONVERSATION ID: skipped, never a rejected row.
  row2024('', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2024-09-02 11:00:00 UTC', '', 'INBOX', 'Yes'),
);

describe('messages.csv', () => {
  it('2024: counts each way per person, two-way 1:1 threads only, never sponsored or unanswered InMail', async () => {
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': INVITATIONS_2024, 'messages.csv': MESSAGES_2024 });
    const file = parsed.files.find((f) => f.kind === 'messages');
    expect(file).toMatchObject({ era: 'messages-2024', rows: 14, rejected: 0, dateRange: { from: '2024-03-01', to: '2024-09-02' } });
    expect(parsed.owner?.profileKey).toBe(OWNER_KEY);
    const evidence = parsed.evidence;
    expect(evidence.get(key('jane-doe'))).toMatchObject({ messagesIn: 1, messagesOut: 3, twoWayThreads: 1, lastMessageAt: '2024-05-01T10:00:00.000Z' });
    expect(evidence.get(key('john-roe'))).toMatchObject({ messagesIn: 0, messagesOut: 1, twoWayThreads: 0 });
    expect(evidence.get(key('ana-lee'))).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 0, invitationDirection: 'outgoing' });
    expect(evidence.get(key('mia-wong'))).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1 });
    expect(evidence.has(key('raj-patel'))).toBe(false);
    expect(evidence.has(OWNER_KEY)).toBe(false);
    expect([...evidence.keys()].some((k) => k.includes('member'))).toBe(false);
  });

  it('finds the owner from an OUTGOING invitation even when someone else sends more', async () => {
    const chatty = lines(
      MESSAGES_HEADER_2024,
      ...['1', '2', '3'].map((n) => row2024('c1', '', 'Jane Doe', url('jane-doe'), 'Alex Morgan', OWNER_URL, `2024-03-0${n} 10:00:00 UTC`)),
      row2024('c1', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2024-03-04 10:00:00 UTC'),
    );
    const withInvitation = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': INVITATIONS_2024, 'messages.csv': chatty });
    expect(withInvitation.owner?.profileKey).toBe(OWNER_KEY);
    expect(withInvitation.evidence.get(key('jane-doe'))).toMatchObject({ messagesIn: 3, messagesOut: 1, twoWayThreads: 1 });

    // Without invitations the most frequent sender is taken as the owner (reference 3.1).
    const withoutInvitation = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'messages.csv': chatty });
    expect(withoutInvitation.owner?.profileKey).toBe(key('jane-doe'));
  });

  it('finds the owner as the most frequent sender when there are no invitations', async () => {
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'messages.csv': MESSAGES_2024 });
    expect(parsed.owner).toEqual({ profileKey: OWNER_KEY, firstName: '', lastName: '', headline: '', summary: '', industry: '' });
    expect(parsed.evidence.get(key('jane-doe'))?.twoWayThreads).toBe(1);
  });

  it('2026: fully quoted, empty fields as "", line breaks inside CONTENT, attachments column', async () => {
    const secret = 'Dinner on Friday?\nBring the "blue" folder,\r\nplease';
    const quoted = (...cells: string[]): string => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
    const messages = lines(
      MESSAGES_HEADER_2026,
      quoted('c1', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2026-10-01 09:00:00 UTC', '', secret, 'INBOX', ''),
      quoted('c1', '', 'Jane Doe', url('jane-doe'), 'Alex Morgan', OWNER_URL, '2026-10-02 09:00:00 UTC', '', `Sure!\n\n${secret}`, 'INBOX', 'https://example.com/a.pdf,https://example.com/b.pdf'),
    );
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'messages.csv': messages });
    expect(parsed.files.find((f) => f.kind === 'messages')).toMatchObject({ era: 'messages-2026', rows: 2, rejected: 0 });
    expect(parsed.evidence.get(key('jane-doe'))).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1, lastMessageAt: '2026-10-02T09:00:00.000Z' });
    // Content is never stored.
    const everything = JSON.stringify({ ...parsed, evidence: [...parsed.evidence] });
    expect(everything).not.toContain('Dinner');
    expect(everything).not.toContain('folder');
  });

  it('reads a large message (2 MB) within the default field limit', async () => {
    const big = `"${'Lorem ipsum, dolor sit amet.\n'.repeat(70_000)}"`;
    const messages = lines(MESSAGES_HEADER_2024, row2024('c1', '', 'Jane Doe', url('jane-doe'), 'Alex Morgan', OWNER_URL, '2024-03-01 10:00:00 UTC').replace('message text', big));
    // Stored, not deflated: repeated text would (rightly) trip the compression-ratio guard.
    const parsed = await parseBytes(zip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': INVITATIONS_2024, 'messages.csv': messages }, 0));
    expect(parsed.files.find((f) => f.kind === 'messages')).toMatchObject({ rows: 1, rejected: 0 });
    expect(parsed.evidence.get(key('jane-doe'))?.messagesIn).toBe(1);
  });

  it.each([
    ['messages-2022', MESSAGES_HEADER_2022],
    ['messages-10-columns', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER'],
    ['messages-12-columns', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT'],
    ['messages-13-columns', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT,IS CONVERSATION DRAFT'],
  ])('recognises the %s header variant', async (era, header) => {
    const parsed = await parseZip({ 'messages.csv': `${header}\n` });
    expect(parsed.files).toMatchObject([{ kind: 'messages', era }]);
  });

  it('2022: no recipient URLs and no URLs in Connections, so people join by name', async () => {
    const connections = PREAMBLE + lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,Acme,Engineer,01 Jan 2020', 'Sam,"Roe, PhD",,,,01 Jan 2020', 'Ana,Lee,,,,01 Jan 2020');
    const row = (id: string, from: string, fromUrl: string, to: string, date: string, title = ''): string =>
      [id, title, from, fromUrl, to, date, '', 'text', 'INBOX'].map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
    const messages = lines(
      MESSAGES_HEADER_2022,
      row('c1', 'Alex Morgan', OWNER_URL, 'Jane Doe', '2022-09-01 10:00:00 UTC'),
      row('c1', 'Jane Doe', url('jane-doe'), 'Alex Morgan', '2022-09-02 10:00:00 UTC'),
      row('c2', 'Alex Morgan', OWNER_URL, 'Sam Roe, PhD', '2022-09-03 10:00:00 UTC'),
      row('c2', 'Sam Roe, PhD', url('sam-roe'), 'Alex Morgan', '2022-09-04 10:00:00 UTC'),
      row('c3', 'Alex Morgan', OWNER_URL, 'Jane Doe, Ana Lee', '2022-09-05 10:00:00 UTC', 'Team'),
      row('c3', 'Ana Lee', url('ana-lee'), 'Alex Morgan, Jane Doe', '2022-09-06 10:00:00 UTC', 'Team'),
      // 27 of 235 sender URLs were empty in a real 2022 file: such rows are not evidence.
      row('c4', 'Ana Lee', '', 'Alex Morgan', '2022-09-07 10:00:00 UTC'),
    );
    const parsed = await parseZip({ 'Connections.csv': connections, 'messages.csv': messages });
    expect(parsed.files.map((f) => f.era)).toEqual(['connections-2022', 'messages-2022']);
    expect(parsed.owner?.profileKey).toBe(OWNER_KEY);
    expect(parsed.evidence.get('name:jane doe')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1 });
    expect(parsed.evidence.get('name:sam roe, phd')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1 });
    expect(parsed.evidence.get('name:ana lee')).toMatchObject({ messagesIn: 1, twoWayThreads: 0 });
    expect([...parsed.evidence.keys()].every((k) => k.startsWith('name:'))).toBe(true);
  });

  it('2018: From/To names and Direction; a thread is the pair of people', async () => {
    const connections = lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,,,"1/8/18, 6:14 PM"', 'John,Roe,,,,"1/8/18, 6:14 PM"', 'Ana,Lee,,,,"1/8/18, 6:14 PM"');
    const messages = lines(
      MESSAGES_HEADER_2018,
      'Jane Doe,Alex Morgan,"2/1/18, 9:00 AM",,Hi Alex &rsquo;,INCOMING,INBOX',
      'Alex Morgan,Jane Doe,"2/1/18, 9:30 AM",,Hi Jane,OUTGOING,SENT',
      'Alex Morgan,John Roe,"2/2/18, 9:30 AM",,Hello,OUTGOING,SENT',
      'Ana Lee,Alex Morgan,"2/3/18, 9:30 AM",Opportunity at Hooli,Recruiting,INCOMING,INBOX',
      'LinkedIn Member,Alex Morgan,"2/4/18, 9:30 AM",Sponsored,Buy,INCOMING,INBOX',
      'Jane Doe,Alex Morgan,"2/5/18, 9:30 AM",,Broken,SIDEWAYS,INBOX',
    );
    const parsed = await parseZip({ 'Connections.csv': connections, 'Messages.csv': messages });
    const file = parsed.files.find((f) => f.kind === 'messages');
    expect(file).toMatchObject({ name: 'Messages.csv', era: 'messages-2018', rows: 5, rejected: 1, dateRange: { from: '2018-02-01', to: '2018-02-05' } });
    expect(parsed.evidence.get('name:jane doe')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1, lastMessageAt: '2018-02-01T09:30:00.000Z' });
    expect(parsed.evidence.get('name:john roe')).toMatchObject({ messagesIn: 0, messagesOut: 1, twoWayThreads: 0 });
    // An unanswered message with a subject is InMail-like: not evidence.
    expect(parsed.evidence.has('name:ana lee')).toBe(false);
    expect(parsed.evidence.has('name:alex morgan')).toBe(false);
  });

  it('2018: an incoming group message is not a two-way thread', async () => {
    const messages = lines(
      MESSAGES_HEADER_2018,
      'Alex Morgan,Jane Doe,"2/1/18, 9:00 AM",,Hi,OUTGOING,SENT',
      'Jane Doe,"Alex Morgan, John Roe","2/1/18, 9:30 AM",,Hi both,INCOMING,INBOX',
    );
    const profile = lines(PROFILE_HEADER, 'Alex,Morgan,,,,Founder,,Software,,,,,');
    const parsed = await parseZip({ 'Profile.csv': profile, 'Messages.csv': messages });
    expect(parsed.evidence.get('name:jane doe')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 0 });
  });

  it('reads only the root messages.csv, never look-alikes or nested copies', async () => {
    const lookAlike = lines(MESSAGES_HEADER_2024, row2024('x1', '', 'Career Coach', url('coach'), 'Alex Morgan', OWNER_URL, '2024-03-01 10:00:00 UTC'));
    const parsed = await parseZip({
      'Connections.csv': CONNECTIONS_2024,
      'messages.csv': MESSAGES_2024,
      'coach_messages.csv': lookAlike,
      'guide_messages.csv': lookAlike,
      'learning_coach_messages.csv': lookAlike,
      'LearningCoachMessages.csv': 'No conversations found',
      'Jobs/messages.csv': lookAlike,
    });
    expect(parsed.files.map((f) => f.name)).toEqual(['Connections.csv', 'messages.csv']);
    expect(parsed.evidence.has(key('coach'))).toBe(false);
  });

  it('reads numbered parts of one file, all of them', async () => {
    const part = (n: number): string => lines(MESSAGES_HEADER_2024, row2024(`p${n}`, '', 'Jane Doe', url('jane-doe'), 'Alex Morgan', OWNER_URL, `2024-03-0${n} 10:00:00 UTC`));
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_2024, 'Invitations.csv': INVITATIONS_2024, 'messages_1.csv': part(1), 'messages_2.csv': part(2) });
    expect(parsed.files.filter((f) => f.kind === 'messages').map((f) => f.name)).toEqual(['messages_1.csv', 'messages_2.csv']);
    expect(parsed.evidence.get(key('jane-doe'))).toEqual({ ...emptyEvidence(), messagesIn: 2, lastMessageAt: '2024-03-02T10:00:00.000Z' });
  });

  it('a lone messages.csv upload keys people by URL', async () => {
    const parsed = await parseZip({ 'messages.csv': MESSAGES_2024 });
    expect(parsed.connections).toEqual([]);
    expect(parsed.evidence.get(key('jane-doe'))?.twoWayThreads).toBe(1);
  });
});

describe('messages.csv with profile URLs beside a Connections.csv without them', () => {
  // Exports and Excel copies of about 2022-2024: connections are known by name only, while every
  // message names its people by URL. The name written beside each URL joins them.
  const CONNECTIONS_NO_URL = lines(
    CONNECTIONS_HEADER_2018,
    'Jane,Doe,,Acme,Engineer,01 Jan 2020',
    'John,Roe,,Initech,CTO,01 Jan 2020',
    'Ana,Lee,,,,01 Jan 2020',
    'Mia,Wong,,,,01 Jan 2020',
  );

  it('keeps the message evidence of people known by name, two-way threads included', async () => {
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_NO_URL, 'messages.csv': MESSAGES_2024 });
    const evidence = parsed.evidence;
    expect(evidence.get('name:jane doe')).toMatchObject({ messagesIn: 1, messagesOut: 3, twoWayThreads: 1 });
    // John never wrote: his name is known from the TO of the owner's one-to-one message.
    expect(evidence.get('name:john roe')).toMatchObject({ messagesIn: 0, messagesOut: 1, twoWayThreads: 0 });
    expect(evidence.get('name:mia wong')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 1 });
    // Ana wrote in a group thread, so her name comes from her own FROM.
    expect(evidence.get('name:ana lee')).toMatchObject({ messagesIn: 1, messagesOut: 1, twoWayThreads: 0 });
    expect([...evidence.keys()].some((k) => k.startsWith('linkedin.com/'))).toBe(false);
  });

  it('never takes a name from the TO of a group message, whose names cannot be told apart', async () => {
    const group = lines(
      MESSAGES_HEADER_2024,
      row2024('g1', '', 'Alex Morgan', OWNER_URL, 'Jane Doe, Ana Lee', `${url('jane-doe')},${url('ana-lee')}`, '2024-05-01 10:00:00 UTC'),
      row2024('g2', '', 'Alex Morgan', OWNER_URL, 'Jane Doe', url('jane-doe'), '2024-05-02 10:00:00 UTC'),
    );
    const parsed = await parseZip({ 'Connections.csv': CONNECTIONS_NO_URL, 'messages.csv': group });
    // Jane's name comes from the one-to-one message; the group one counts for her as well.
    expect(parsed.evidence.get('name:jane doe')?.messagesOut).toBe(2);
    expect(parsed.evidence.get('name:ana lee')).toBeUndefined();
    expect(parsed.evidence.get('name:jane doe, ana lee')).toBeUndefined();
  });
});
