import { formatNumber } from '../format.ts';
import { colors, fontFamily, mutedText, palette } from './theme.ts';

/**
 * Known and known-well people over the last weeks, as table cells: it shows with images off, costs
 * no image bytes, and the same component draws the larger chart on the web pages.
 */

export interface ProgressWeek {
  /** "5 Oct"; the last one is this week. */
  label: string;
  known: number;
  close: number;
}

/** One bar's three stacked heights, top to bottom, as CSS lengths ("12px"). */
export interface ProgressBarView {
  rest: string;
  known: string;
  close: string;
}

export interface ProgressView {
  bars: ProgressBarView[];
  /** Under the first and the last bar. */
  from: string;
  to: string;
  /** "40 you know · +4 this week · 1,134 to go": everything the chart says, in words. */
  summary: string;
  legendClose: string;
  legendKnown: string;
  /** The bars' width in pixels, for the table of end labels beneath them. */
  chartWidth: string;
}

/**
 * One bar: its whole height in proportion to the tallest week, then split between known well and
 * known, so the two never add up to more than the chart. A count above zero stays visible (2px)
 * however small next to the tallest bar.
 */
function barOf(week: ProgressWeek, max: number, heightPx: number): ProgressBarView {
  const total = week.known + week.close;
  const totalPx = total === 0 ? 0 : Math.max(2, Math.round((total / max) * heightPx));
  let closePx = week.close === 0 ? 0 : Math.max(2, Math.round((week.close / total) * totalPx));
  if (week.known > 0) closePx = Math.min(closePx, totalPx - 2);
  const knownPx = totalPx - Math.max(0, closePx);
  return { rest: `${heightPx - totalPx}px`, known: `${knownPx}px`, close: `${Math.max(0, closePx)}px` };
}

const BAR_WIDTH = 22;
const BAR_GAP = 3;

export function progressView(weeks: readonly ProgressWeek[], unreviewed: number, heightPx: number): ProgressView {
  const totals = weeks.map((w) => w.known + w.close);
  const max = Math.max(1, ...totals);
  // One week is no trend, and bars of nothing are an empty box: the bars start with the second
  // digest that has someone known.
  const bars = weeks.length < 2 || totals.every((t) => t === 0) ? [] : weeks.map((w) => barOf(w, max, heightPx));
  const now = weeks[weeks.length - 1] ?? { label: '', known: 0, close: 0 };
  const before = weeks.length > 1 ? weeks[weeks.length - 2]! : null;
  const total = now.known + now.close;
  const change = before === null ? null : total - (before.known + before.close);
  const parts = [
    `${formatNumber(total)} you know`,
    change === null ? null : change === 0 ? 'no change this week' : `${change > 0 ? '+' : '−'}${formatNumber(Math.abs(change))} this week`,
    unreviewed === 0 ? 'everyone reviewed' : `${formatNumber(unreviewed)} to go`,
  ];
  return {
    bars,
    from: weeks[0]?.label ?? '',
    to: weeks.length > 1 ? 'This week' : '',
    summary: parts.filter(Boolean).join(' · '),
    legendClose: `Know well ${formatNumber(now.close)}`,
    legendKnown: `Known ${formatNumber(now.known)}`,
    chartWidth: String(Math.max(120, bars.length * (BAR_WIDTH + BAR_GAP))),
  };
}


export function ProgressBar({ bar }: { bar: ProgressBarView }) {
  const block = { fontSize: '0', lineHeight: '0' } as const;
  return (
    <td valign="bottom" style={{ width: `${BAR_WIDTH}px`, padding: `0 ${BAR_GAP}px 0 0` }}>
      <div style={{ ...block, height: bar.rest }} />
      <div className="rp-bar-known" style={{ ...block, height: bar.known, backgroundColor: palette.light.barKnown }} />
      <div className="rp-bar-close" style={{ ...block, height: bar.close, backgroundColor: palette.light.barClose }} />
    </td>
  );
}

function Swatch({ className, colour }: { className: string; colour: string }) {
  return <span className={className} style={{ display: 'inline-block', width: '10px', height: '10px', backgroundColor: colour, marginRight: '4px' }} />;
}

/** The summary in words, the bars with their two end labels, and a legend. */
export function ProgressChart({ view }: { view: ProgressView }) {
  return (
    <>
      <p className="rp-text" style={{ fontFamily, fontSize: '16px', lineHeight: '24px', fontWeight: 600, color: colors.text, margin: '0 0 8px' }}>
        {view.summary}
      </p>
      {view.bars.length > 0 ? <Bars view={view} /> : null}
    </>
  );
}

function Bars({ view }: { view: ProgressView }) {
  const small = { ...mutedText, margin: '0' };
  return (
    <>
      {/* A picture: the summary above says it in words, so the plain-text part leaves it out. */}
      <table role="presentation" aria-hidden="true" data-skip-in-text="true" cellPadding={0} cellSpacing={0} style={{ margin: '0 0 4px' }}>
        <tbody>
          <tr>
            {view.bars.map((bar, i) => (
              <ProgressBar key={i} bar={bar} />
            ))}
          </tr>
        </tbody>
      </table>
      <table role="presentation" aria-hidden="true" data-skip-in-text="true" cellPadding={0} cellSpacing={0} width={view.chartWidth} style={{ width: `${view.chartWidth}px` }}>
        <tbody>
          <tr>
            <td className="rp-muted" style={{ ...small, fontSize: '12px', lineHeight: '16px' }}>{view.from}</td>
            <td className="rp-muted" align="right" style={{ ...small, fontSize: '12px', lineHeight: '16px', textAlign: 'right' }}>{view.to}</td>
          </tr>
        </tbody>
      </table>
      <p className="rp-muted" style={{ ...small, marginTop: '6px' }}>
        <Swatch className="rp-bar-close" colour={palette.light.barClose} />
        {view.legendClose}
        {'   '}
        <Swatch className="rp-bar-known" colour={palette.light.barKnown} />
        {view.legendKnown}
      </p>
    </>
  );
}
