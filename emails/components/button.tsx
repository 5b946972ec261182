import type { CSSProperties } from 'react';
import { Button as EmailButton } from '@react-email/components';
import { colors, fontFamily } from './theme.ts';

export interface ButtonProps {
  href: string;
  children: string;
  /** One primary call to action per email; item actions are secondary so a list of them stays calm. */
  variant?: 'primary' | 'secondary';
}

// 14px vertical padding + 16px text + border ≈ 48px: above the 44px minimum tap target. Buttons are
// inline-block with a right and bottom margin so several of them wrap into rows on a narrow phone.
const base: CSSProperties = {
  fontFamily,
  fontSize: '16px',
  fontWeight: 600,
  padding: '14px 20px',
  borderRadius: '6px',
  margin: '0 8px 8px 0',
};

const variants: Record<NonNullable<ButtonProps['variant']>, CSSProperties> = {
  primary: { backgroundColor: colors.accent, color: colors.accentText, border: `1px solid ${colors.accent}` },
  secondary: { backgroundColor: colors.secondaryBg, color: colors.secondaryText, border: `1px solid ${colors.border}` },
};

export function Button({ href, children, variant = 'primary' }: ButtonProps) {
  return (
    <EmailButton
      href={href}
      className={variant === 'secondary' ? 'rp-button-secondary' : undefined}
      style={{ ...base, ...variants[variant] }}
    >
      {children}
    </EmailButton>
  );
}
