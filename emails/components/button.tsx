import type { CSSProperties } from 'react';
import { Button as EmailButton } from '@react-email/components';
import { colors, fontFamily } from './theme.ts';

export interface ButtonProps {
  href: string;
  children: string;
  /** One primary call to action per email; item actions are secondary so a list of them stays calm. */
  variant?: 'primary' | 'secondary';
}

// 10px vertical padding + 22px line + 1px borders = 44px: the minimum tap target. Buttons are
// inline-block with a right and bottom margin so several of them wrap into rows on a narrow phone.
const base: CSSProperties = {
  fontFamily,
  fontSize: '15px',
  lineHeight: '22px',
  fontWeight: 600,
  padding: '10px 14px',
  borderRadius: '6px',
  margin: '0 6px 6px 0',
};

const variants: Record<NonNullable<ButtonProps['variant']>, CSSProperties> = {
  primary: { backgroundColor: colors.accent, color: colors.accentText, border: `1px solid ${colors.accent}` },
  secondary: { backgroundColor: colors.secondaryBg, color: colors.secondaryText, border: `1px solid ${colors.border}` },
};

export function Button({ href, children, variant = 'primary' }: ButtonProps) {
  return (
    <EmailButton href={href} className={`rp-button-${variant}`} style={{ ...base, ...variants[variant] }}>
      {children}
    </EmailButton>
  );
}
