import { describe, expect, it } from 'vitest';
import { evidenceKey } from '../../../../domain/linkedin-export/index.ts';
import {
  CONNECTIONS_HEADER_2018,
  CONNECTIONS_HEADER_2024,
  errorCode,
  lines,
  parseBytes,
  parseZip,
  PREAMBLE,
  utf8,
} from './fixtures.ts';

describe('Connections.csv, era by era', () => {
  it('2018: no preamble, no URL, quoted M/D/YY dates, emails kept only when valid', async () => {
    const parsed = await parseBytes(
      lines(
        CONNECTIONS_HEADER_2018,
        'Jane,Doe,jane.doe@example.com,"Acme, Inc.",Engineer,"1/8/18, 6:14 PM"',
        'John,Roe,urn:li:member:123456,Initech,CTO,"12/24/17, 9:05 AM"',
      ),
      { fileName: 'Connections.csv' },
    );
    expect(parsed.format).toBe('csv');
    expect(parsed.files).toEqual([
      { name: 'Connections.csv', kind: 'connections', era: 'connections-2018', rows: 2, rejected: 0, unreadableDates: 0, dateRange: { from: '2017-12-24', to: '2018-01-08' } },
    ]);
    expect(parsed.connections).toEqual([
      {
        profileKey: null,
        profileUrl: null,
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane.doe@example.com',
        company: 'Acme, Inc.',
        position: 'Engineer',
        connectedOn: '2018-01-08',
        connectedOnRaw: '1/8/18, 6:14 PM',
      },
      expect.objectContaining({ firstName: 'John', email: null, connectedOn: '2017-12-24' }),
    ]);
    expect(parsed.dateRange).toEqual({ from: '2017-12-24', to: '2018-01-08' });
  });

  it('2021: no preamble, no URL, DD Mon YYYY', async () => {
    const parsed = await parseBytes(lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,Acme,Engineer,09 Sep 2021'));
    expect(parsed.files[0]?.era).toBe('connections-2021');
    expect(parsed.connections[0]?.connectedOn).toBe('2021-09-09');
  });

  it('2022: finds the header below the Notes: preamble (no zero-record "success")', async () => {
    const parsed = await parseBytes(PREAMBLE + lines(CONNECTIONS_HEADER_2018, 'Jane ,Doe ,,,,09 Sep 2022', ',,,,,10 Sep 2022'));
    expect(parsed.files[0]).toMatchObject({ era: 'connections-2022', rows: 2, rejected: 0 });
    expect(parsed.connections).toHaveLength(1);
    expect(parsed.connections[0]).toMatchObject({ firstName: 'Jane', lastName: 'Doe', profileKey: null });
    expect(parsed.anonymousConnections).toBe(1);
    expect(parsed.dateRange).toEqual({ from: '2022-09-09', to: '2022-09-10' });
  });

  it('2024+: URL column, percent-encoded slugs, names with credentials, emoji and pronouns', async () => {
    const parsed = await parseBytes(
      PREAMBLE +
        lines(
          CONNECTIONS_HEADER_2024,
          '🌱 Jane,"Doe, MBA, SHRM-SCP",https://www.linkedin.com/in/jane-%C3%A5ngstr%C3%B6m,,"Acme, Inc.",Head of People,09 Dec 2024',
          'Sam,Roe (He/Him),https://www.linkedin.com/in/sam-roe,,,,01 Jan 2023',
          ',,,,,,15 Mar 2024',
        ),
    );
    expect(parsed.files[0]).toMatchObject({ era: 'connections-2024', rows: 3 });
    expect(parsed.connections.map((c) => c.profileKey)).toEqual(['linkedin.com/in/jane-ångström', 'linkedin.com/in/sam-roe']);
    expect(parsed.connections[0]).toMatchObject({ firstName: '🌱 Jane', lastName: 'Doe, MBA, SHRM-SCP', profileUrl: 'https://www.linkedin.com/in/jane-%C3%A5ngstr%C3%B6m' });
    expect(parsed.anonymousConnections).toBe(1);
  });

  it('Excel copy: BOM, CRLF, no preamble, D-Mon-YY, blank padding rows', async () => {
    const text = '\uFEFF' + [',,,,,,', CONNECTIONS_HEADER_2024, 'Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Engineer,9-Sep-22', ',,,,,,', ''].join('\r\n');
    const parsed = await parseBytes(text);
    expect(parsed.files[0]).toMatchObject({ era: 'connections-excel', rows: 1, rejected: 0 });
    expect(parsed.connections[0]).toMatchObject({ profileKey: 'linkedin.com/in/jane-doe', connectedOn: '2022-09-09', connectedOnRaw: '9-Sep-22' });
    expect(parsed.anonymousConnections).toBe(0);
  });

  it('reads an Excel copy saved with semicolons and without the Email Address column', async () => {
    const parsed = await parseBytes(lines('First Name;Last Name;URL;Company;Position;Connected On', 'Jane;Doe;https://www.linkedin.com/in/jane-doe;Acme;CTO;9-Sep-22'));
    expect(parsed.connections[0]).toMatchObject({ firstName: 'Jane', email: null, company: 'Acme', connectedOn: '2022-09-09' });
  });

  it('maps columns by name, not position', async () => {
    const parsed = await parseBytes(lines('Connected On,Position,Company,Email Address,URL,Last Name,First Name', '09 Sep 2022,CTO,Acme,,https://www.linkedin.com/in/jd,Doe,Jane'));
    expect(parsed.connections[0]).toMatchObject({ firstName: 'Jane', lastName: 'Doe', company: 'Acme', position: 'CTO', profileKey: 'linkedin.com/in/jd' });
  });

  it('keeps an unparseable date raw and still accepts the row', async () => {
    const parsed = await parseBytes(lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,,,9. September 2022', 'John,Roe,,,,'));
    expect(parsed.files[0]).toMatchObject({ rows: 2, rejected: 0, dateRange: { from: null, to: null } });
    expect(parsed.connections[0]).toMatchObject({ connectedOn: null, connectedOnRaw: '9. September 2022' });
    expect(parsed.connections[1]).toMatchObject({ connectedOn: null, connectedOnRaw: '' });
  });

  it('rejects rows whose cells no longer line up with the header, with reasons', async () => {
    const parsed = await parseBytes(
      lines(CONNECTIONS_HEADER_2018, 'Jane,Doe,,Acme,CTO,09 Sep 2022', 'Stray note', 'John,Roe,,Acme, Inc,CTO,09 Sep 2022', 'Ana,Lee,,,,09 Sep 2022,,'),
      { fileName: 'Connections.csv' },
    );
    expect(parsed.files[0]).toMatchObject({ rows: 2, rejected: 2 });
    expect(parsed.rejected).toEqual([
      { file: 'Connections.csv', record: 2, reason: '1 cells where the header has 6' },
      { file: 'Connections.csv', record: 3, reason: '7 cells where the header has 6' },
    ]);
    expect(parsed.connections.map((c) => c.firstName)).toEqual(['Jane', 'Ana']);
  });

  it('caps the rejected examples at 50 while counting all of them', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => `Stray ${i}`);
    const parsed = await parseBytes(lines(CONNECTIONS_HEADER_2018, ...rows));
    expect(parsed.files[0]?.rejected).toBe(70);
    expect(parsed.rejected).toHaveLength(50);
  });

  it('deduplicates by profile key, the last row winning; URL-less rows are all kept', async () => {
    const parsed = await parseBytes(
      lines(
        CONNECTIONS_HEADER_2024,
        'Jane,Doe,https://www.linkedin.com/in/jane-doe,,Acme,Engineer,01 Jan 2020',
        'Jane,Doe,,,Acme,Engineer,01 Jan 2020',
        'Jane,Doe,,,Acme,Engineer,01 Jan 2020',
        'Jane,Doe-Smith,https://www.linkedin.com/in/Jane-Doe/,,Initech,CTO,02 Feb 2022',
      ),
    );
    expect(parsed.connections).toHaveLength(3);
    expect(parsed.connections[0]).toMatchObject({ profileKey: 'linkedin.com/in/jane-doe', lastName: 'Doe-Smith', company: 'Initech' });
  });

  it('keys URL-less connections by name for evidence', () => {
    expect(evidenceKey({ profileKey: null, firstName: 'Jane', lastName: 'Doe' })).toBe('name:jane doe');
    expect(evidenceKey({ profileKey: null, firstName: 'Ana', lastName: '' })).toBe('name:ana');
    expect(evidenceKey({ profileKey: 'linkedin.com/in/x', firstName: 'Jane', lastName: 'Doe' })).toBe('linkedin.com/in/x');
    expect(evidenceKey({ profileKey: null, firstName: '', lastName: '' })).toBeNull();
  });

  it('a lone CSV without a recognisable header is a no_header error in plain words', async () => {
    expect(await errorCode(parseBytes(lines('Name,Company', 'Jane Doe,Acme')))).toBe('no_header');
    expect(await errorCode(parseBytes(''))).toBe('no_header');
    // A localised header is not one Rapport knows.
    expect(await errorCode(parseBytes(lines('Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am', 'Jana,Dorn,,,,,09 Sep 2022')))).toBe('no_header');
    const error = await parseBytes('Name,Company\n', { fileName: 'contacts.csv' }).catch((e: Error) => e);
    expect((error as Error).message).toContain('contacts.csv');
  });

  it('inside a zip, a Connections.csv with an unknown header is listed as unrecognised and not read', async () => {
    const german = lines('Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am', 'Jana,Dorn,,,,,09 Sep 2022');
    expect(await errorCode(parseZip({ 'Connections.csv': german }))).toBe('no_usable_files');
    const parsed = await parseZip({ 'Connections.csv': german, 'Invitations.csv': 'From,To,Sent At,Message,Direction\n' });
    expect(parsed.files.map((f) => [f.name, f.kind, f.era])).toEqual([
      ['Connections.csv', 'connections', 'unrecognised'],
      ['Invitations.csv', 'invitations', 'invitations-2018'],
    ]);
    expect(parsed.connections).toEqual([]);
  });

  it('reads a header-only file as zero rows', async () => {
    const parsed = await parseBytes(utf8(CONNECTIONS_HEADER_2024));
    expect(parsed.files[0]).toMatchObject({ rows: 0, rejected: 0 });
    expect(parsed.connections).toEqual([]);
  });
});
