// A hand-rolled SVG chart: one group of horizontal bars per cell, one bar per
// client (and memaslap), on a log scale because the cells span three orders of
// magnitude (a 500 KB set at one in flight vs a 100 B get at 256).
import { cellId } from './matrix.mjs';

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#7f7f7f', '#ff7f0e'];
const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const short = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)}k` : `${Math.round(n)}`);

export function svgChart(run) {
  const series = [...run.clients, 'memaslap'];
  const valueOf = (row, name) => {
    const r = name === 'memaslap' ? row.memaslap : row.results[name];
    return r && !r.error ? r.opsPerSec : undefined;
  };
  const values = run.rows.flatMap((row) => series.map((name) => valueOf(row, name))).filter((v) => v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values, 1e3)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values, 1e4)));

  const bar = 9;
  const groupHeight = series.length * bar + 12;
  // Room for the longest cell id, "getMany(1000) 100B str 1srv @32".
  const left = 210;
  const plotWidth = 640;
  const top = 70;
  const width = left + plotWidth + 60;
  const height = top + run.rows.length * groupHeight + 40;
  const x = (v) => left + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotWidth;

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">memcached clients: operations per second (log scale, higher is better)</text>`,
  ];
  series.forEach((name, i) => {
    const lx = left + i * 125;
    out.push(`<rect x="${lx}" y="30" width="12" height="12" fill="${COLORS[i]}"/>`, `<text x="${lx + 16}" y="40">${escape(name)}</text>`);
  });
  for (let tick = lo; tick <= hi; tick *= 10) {
    out.push(
      `<line x1="${x(tick)}" y1="${top - 8}" x2="${x(tick)}" y2="${height - 30}" stroke="#ddd"/>`,
      `<text x="${x(tick)}" y="${height - 16}" text-anchor="middle">${short(tick)}</text>`,
    );
  }
  run.rows.forEach((row, g) => {
    const y0 = top + g * groupHeight;
    out.push(`<text x="${left - 6}" y="${y0 + (series.length * bar) / 2 + 4}" text-anchor="end">${escape(cellId(row.cell))}</text>`);
    series.forEach((name, i) => {
      const v = valueOf(row, name);
      const y = y0 + i * bar;
      if (v === undefined) {
        // A missing bar is labelled so a failed cell never reads as a zero.
        const r = name === 'memaslap' ? row.memaslap : row.results[name];
        if (r?.error) out.push(`<text x="${left + 4}" y="${y + bar - 1}" font-size="9" fill="${COLORS[i]}">${escape(name)}: error</text>`);
        return;
      }
      out.push(
        `<rect x="${left}" y="${y}" width="${Math.max(1, x(v) - left).toFixed(1)}" height="${bar - 1}" fill="${COLORS[i]}"><title>${escape(name)}: ${Math.round(v)} ops/s</title></rect>`,
        `<text x="${(x(v) + 3).toFixed(1)}" y="${y + bar - 1}" font-size="8">${short(v)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n');
}
