/** The charts of a portfolio: the distribution of each figure over the engagements, and each engagement in it. */
import type { Portfolio, PortfolioRow } from '../engine/portfolio.js';
import { boxPlot } from './charts/index.js';

export const PORTFOLIO_TITLE = 'Maturity across the engagements: overall and by perspective';
export const PORTFOLIO_PRACTICES_TITLE = 'Maturity across the engagements, by practice';

const rowOf = (r: PortfolioRow) => ({ label: r.name, distribution: r.distribution, points: r.values.map((v) => v.value) });

/** Overall and the five perspectives, on 0..5. */
export function portfolioChart(p: Portfolio): string {
  return boxPlot([p.overall, ...p.perspectives].map(rowOf), { title: `${PORTFOLIO_TITLE} (${p.engagements.length} ${p.population})`, max: 5 });
}

/** Every practice, on 0..5. */
export function portfolioPracticesChart(p: Portfolio): string {
  return boxPlot(p.practices.map(rowOf), { title: `${PORTFOLIO_PRACTICES_TITLE} (${p.engagements.length} ${p.population})`, max: 5 });
}
