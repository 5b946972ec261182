import type { StrategyGap } from '../../domain/network/types.ts';
import { linkTo } from '../../domain/public-links.ts';
import type { DigestAction } from '../../emails/weekly-digest.tsx';
import type { DigestLinks } from './compose.ts';

/**
 * LinkedIn's own pages a gap's next step happens on. /in/me/ is LinkedIn's alias for the signed-in
 * member's profile, so one link works for every subscriber without knowing their address.
 */
export const LINKEDIN_PAGES = {
  profileEditor: 'https://www.linkedin.com/in/me/edit/intro/',
  profile: 'https://www.linkedin.com/in/me/',
  messaging: 'https://www.linkedin.com/messaging/',
  connections: 'https://www.linkedin.com/mynetwork/invite-connect/connections/',
  invitations: 'https://www.linkedin.com/mynetwork/invitation-manager/',
} as const;

/** A gap's one button: it says what it does, and goes where it says. */
export function gapAction(gap: StrategyGap, links: DigestLinks): DigestAction {
  const reviewPage = (query?: Record<string, string>) => linkTo(links.publicUrl, 'answers', { token: links.digestToken }, query);
  switch (gap.kind) {
    case 'stale_export':
      return { label: 'Upload a fresh export', url: links.uploadUrl };
    case 'unanswered_questions':
      return { label: gap.missing.length === 1 && gap.missing[0] === 'targets' ? 'Add your targets' : 'Answer the questions', url: links.preferencesUrl };
    case 'targets_without_contact': {
      const target = gap.targets[0]!;
      return gap.unreviewedAtTargets > 0
        ? { label: `See who you know at ${target.value}`, url: reviewPage({ target: target.value }) }
        : { label: 'Write to someone you know', url: LINKEDIN_PAGES.messaging };
    }
    case 'profile':
      return gap.missingFields.length > 0 ? { label: 'Edit your profile on LinkedIn', url: LINKEDIN_PAGES.profileEditor } : { label: 'Open your profile', url: LINKEDIN_PAGES.profile };
    case 'numbers_focus':
      return { label: 'Write to someone you know', url: LINKEDIN_PAGES.messaging };
    case 'high_unknown_share':
      return { label: 'Open your connections', url: LINKEDIN_PAGES.connections };
    case 'incoming_without_note':
      return { label: 'Open your invitations', url: LINKEDIN_PAGES.invitations };
    case 'review_backlog':
      return { label: 'Answer more at once', url: reviewPage() };
  }
}
