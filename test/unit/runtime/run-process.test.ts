import { describe, expect, it } from 'vitest';
import { databaseProblem } from '../../../runtime/run-process.ts';

const URL = 'postgres://postgres@db.example:5432/rapport';
const failure = (code: string) => Object.assign(new Error('x'), { code });

describe('a database a process cannot start on', () => {
  it('says what to do in one line for each way it is missing', () => {
    expect(databaseProblem(failure('3D000'), URL)).toBe('database "rapport" does not exist: run `npm run migrate` once to create it');
    expect(databaseProblem(failure('42P01'), URL)).toBe('database "rapport" has no tables yet: run `npm run migrate`');
    expect(databaseProblem(failure('ECONNREFUSED'), URL)).toBe('cannot reach Postgres at db.example:5432: is it running? (DATABASE_URL)');
    expect(databaseProblem(failure('28P01'), URL)).toBe('Postgres refused the credentials in DATABASE_URL');
  });

  it('leaves any other error to be thrown as it is', () => {
    expect(databaseProblem(failure('23505'), URL)).toBeNull();
    expect(databaseProblem(new Error('boom'), URL)).toBeNull();
  });
});
