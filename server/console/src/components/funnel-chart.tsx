import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { FunnelDay } from '@harmony-push/shared';
import { FUNNEL_STAGES } from '../format';

const DAY_SECONDS = 86_400;
const COLOURS = ['#2563eb', '#16a34a', '#ca8a04', '#dc2626', '#9333ea', '#64748b', '#0891b2', '#db2777', '#94a3b8'];

/**
 * Accepted → delivered / not shown / uninstalled … per day, as lines (uPlot draws on a canvas: no inline styles or
 * scripts, which the console's Content-Security-Policy forbids). The same figures follow as a table for screen
 * readers and keyboards.
 */
export function FunnelChart({ days }: { days: FunnelDay[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element || days.length === 0) return;
    const x = days.map((day) => Date.parse(`${day.day}T00:00:00Z`) / 1000);
    const series: uPlot.Series[] = [
      {},
      { label: 'Accepted', stroke: COLOURS[0], width: 2, points: { size: 7 } },
      ...FUNNEL_STAGES.map((stage, i) => ({ label: stage.label, stroke: COLOURS[i + 1], width: 2, points: { size: 7 } }))
    ];
    const data: uPlot.AlignedData = [
      x,
      days.map((day) => day.accepted),
      ...FUNNEL_STAGES.map((stage) => days.map((day) => day.delivery[stage.key]))
    ];
    const width = () => Math.max(280, element.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 220,
      series,
      // A day either side, so that a single day is a point in the middle rather than a range of years.
      scales: { x: { time: true, auto: false, range: [x[0] - DAY_SECONDS, x[x.length - 1] + DAY_SECONDS] } },
      axes: [{}, { label: 'tokens' }],
      legend: { live: false }
    };
    const chart = new uPlot(options, data, element);
    const resize = () => chart.setSize({ width: width(), height: 220 });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
    };
  }, [days]);
  if (days.length === 0) return <p class="muted">No sends in the last 30 days.</p>;
  return (
    <figure>
      <div ref={box} class="chart" aria-hidden="true" />
      <figcaption>
        <details>
          <summary>The funnel as a table</summary>
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Accepted</th>
                  {FUNNEL_STAGES.map((stage) => (
                    <th scope="col" key={stage.key}>
                      {stage.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.day}>
                    <th scope="row">{day.day}</th>
                    <td>{day.accepted}</td>
                    {FUNNEL_STAGES.map((stage) => (
                      <td key={stage.key}>{day.delivery[stage.key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figcaption>
    </figure>
  );
}
