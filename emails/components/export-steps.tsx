import { Paragraph } from './text.tsx';

// Numbered paragraphs rather than <ol>: Outlook and some Android clients mangle list indentation.
const steps = [
  'On LinkedIn, open Settings & Privacy, then Data privacy, then “Get a copy of your data”.',
  'Choose the larger archive for the richest digest, or pick Connections, Messages and Invitations for a quicker one.',
  'LinkedIn emails you a download link: within minutes for a few data types, within 24 hours for the full archive. It works for 72 hours.',
  'Upload the zip as it is. There is no need to unpack or edit it.',
];

/** How to get "Get a copy of your data" out of LinkedIn, for every email that asks for an upload. */
export function ExportSteps() {
  return (
    <>
      {steps.map((step, index) => (
        <Paragraph key={index} style={{ margin: '0 0 8px' }}>{`${index + 1}. ${step}`}</Paragraph>
      ))}
    </>
  );
}
