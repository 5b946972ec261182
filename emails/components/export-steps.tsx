import { EXPORT_REQUEST_STEPS } from '../../domain/linkedin-export/request-steps.ts';
import { Paragraph } from './text.tsx';

/**
 * How to get "Get a copy of your data" out of LinkedIn, for every email that asks for an upload.
 * Numbered paragraphs rather than <ol>: Outlook and some Android clients mangle list indentation.
 */
export function ExportSteps() {
  return (
    <>
      {EXPORT_REQUEST_STEPS.map((step, index) => (
        <Paragraph key={index} style={{ margin: '0 0 8px' }}>{`${index + 1}. ${step}`}</Paragraph>
      ))}
    </>
  );
}
