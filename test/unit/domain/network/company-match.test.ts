import { describe, expect, it } from 'vitest';
import { formsOf, matchForms, type CompanyMatch } from '../../../../domain/network/company-match.ts';
import { normaliseCompany } from '../../../../domain/network/normalise.ts';
import { companyMatchReason, prepareTargets } from '../../../../domain/network/targets.ts';

const match = (target: string, employer: string) => matchForms(formsOf(normaliseCompany(target)), formsOf(normaliseCompany(employer)));

/** A table of pairs, one per line, cells split by " | "; lines starting with # are comments. */
function table(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(' | '));
}

const MATCHING = table(`
  # names already the same after normalising
  KPMG | KPMG | same
  Deloitte | Deloitte LLP | same
  Accenture | Accenture plc | same
  Société Générale | SOCIETE GENERALE S.A. | same
  The Walt Disney Company | Walt Disney | same
  # a country, region or business unit after the name
  KPMG | KPMG India | qualifier
  KPMG | KPMG US | qualifier
  KPMG | KPMG Global Services | qualifier
  Deloitte | Deloitte USI | qualifier
  Deloitte | Deloitte Consulting LLP | qualifier
  Deloitte | Deloitte India LLP | qualifier
  EY | EY GDS | qualifier
  PwC | PwC Delivery Center | qualifier
  Accenture | Accenture Federal Services | qualifier
  Capgemini | Capgemini Technology Services | qualifier
  IBM | IBM India Pvt Ltd | qualifier
  Siemens | Siemens Financial Services | qualifier
  Infosys | Infosys Americas | qualifier
  Goldman Sachs | Goldman Sachs Group | qualifier
  Salesforce | Salesforce EMEA | qualifier
  SAP | SAP India | qualifier
  Oracle | Oracle North America | qualifier
  HSBC | HSBC United Kingdom | qualifier
  Nestlé | Nestle Middle East | qualifier
  McKinsey | McKinsey Digital | qualifier
  # acronyms, both ways
  Amazon Web Services (AWS) | AWS | acronym
  AWS | Amazon Web Services (AWS) | acronym
  Amazon Web Services | AWS | acronym
  AWS | Amazon Web Services | acronym
  Boston Consulting Group (BCG) | BCG | acronym
  BCG | The Boston Consulting Group | acronym
  Hewlett Packard (HP) | HP | acronym
  AWS | AWS India | qualifier
  # brands a parent owns
  Google | Google DeepMind | subsidiary
  Google | Google Cloud | qualifier
  Amazon | Amazon Web Services | subsidiary
  Microsoft | Microsoft Research | qualifier
  Meta | Meta Reality Labs | subsidiary
`);

const NOT_MATCHING = table(`
  ING | Boeing
  ING | Ingram Micro
  Meta | Metadata Inc
  Meta | Metal Works
  Apple | Applied Materials
  Apple | Apple Leisure Group
  Acme | Acme Labs
  Bain | Bain Capital
  Amazon | Amazonas Energia
  KPMG India | KPMG
  Deloitte | Deloitte Pictures
  Google | Googleplex Catering
  HP | HPE Aruba
  AWS | Amazon
  Oracle | Oracle Bone Studio
  Morgan Stanley | JP Morgan
  JP Morgan | Morgan Stanley
  Standard Chartered | Standard Life
  General Electric | General Motors
  Siemens | Siemens Gamesa
`);

describe('company targets match as a person would', () => {
  it.each(MATCHING)('%s ~ %s (%s)', (target, employer, how) => {
    expect(match(target!, employer!)).toBe(how as CompanyMatch);
  });

  it.each([...NOT_MATCHING, ['', 'Acme']])('%s is not %s', (target, employer) => {
    expect(match(target!, employer!)).toBeNull();
  });

  it('says why a different name counts, and says nothing when the names are the same', () => {
    const [kpmg] = prepareTargets([{ kind: 'company', value: 'KPMG' }]);
    const [google] = prepareTargets([{ kind: 'company', value: 'Google' }]);
    expect(companyMatchReason(kpmg!, 'KPMG India')).toBe('KPMG India counts as KPMG.');
    expect(companyMatchReason(kpmg!, 'KPMG LLP')).toBeNull();
    expect(companyMatchReason(google!, 'Google DeepMind')).toBe('Google DeepMind is part of Google, so it counts.');
    const [role] = prepareTargets([{ kind: 'role', value: 'KPMG' }]);
    expect(companyMatchReason(role!, 'KPMG India')).toBeNull();
  });
});
