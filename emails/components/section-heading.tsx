import { Heading } from '@react-email/components';
import { colors, fontFamily } from './theme.ts';
import { SmallPrint } from './text.tsx';

export interface SectionHeadingProps {
  children: string;
  /** One sentence saying why the section is there. */
  intro?: string;
}

export function SectionHeading({ children, intro }: SectionHeadingProps) {
  return (
    <>
      <Heading
        as="h2"
        className="rp-text"
        style={{ fontFamily, fontSize: '18px', lineHeight: '24px', fontWeight: 700, color: colors.text, margin: '24px 0 8px' }}
      >
        {children}
      </Heading>
      {intro ? <SmallPrint style={{ margin: '0 0 8px' }}>{intro}</SmallPrint> : null}
    </>
  );
}
