/** A small SVG line chart: p99 latency against concurrency, one line per target and operation. */
export function latencyChart(
  rows: { target: string; operation: string; connections: number; p99: number }[],
): string {
  const series = new Map<string, { x: number; y: number }[]>();
  for (const row of rows)
    series.set(`${row.target} ${row.operation}`, [
      ...(series.get(`${row.target} ${row.operation}`) ?? []),
      { x: row.connections, y: row.p99 },
    ]);
  const width = 720;
  const height = 400;
  const margin = { left: 60, right: 180, top: 30, bottom: 50 };
  const xs = [...new Set(rows.map((row) => row.connections))].sort((a, b) => a - b);
  const maxY = Math.max(1, ...rows.map((row) => row.p99)) * 1.1;
  const x = (value: number) =>
    margin.left +
    (xs.indexOf(value) / Math.max(1, xs.length - 1)) * (width - margin.left - margin.right);
  const y = (value: number) =>
    height - margin.bottom - (value / maxY) * (height - margin.top - margin.bottom);
  const colours = ['#2756c5', '#b3261e', '#1f6b3a', '#8a5300', '#6b3fa0', '#00838f'];
  const lines = [...series.entries()].map(([name, points], index) => {
    const colour = colours[index % colours.length];
    const dash = name.startsWith('baseline') ? ' stroke-dasharray="6 4"' : '';
    const path = points
      .map((point, i) => `${i === 0 ? 'M' : 'L'}${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`)
      .join(' ');
    const legendY = margin.top + index * 20;
    return (
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${dash}/>` +
      points
        .map(
          (point) =>
            `<circle cx="${x(point.x).toFixed(1)}" cy="${y(point.y).toFixed(1)}" r="3" fill="${colour}"/>`,
        )
        .join('') +
      `<line x1="${width - margin.right + 15}" y1="${legendY}" x2="${width - margin.right + 40}" y2="${legendY}" stroke="${colour}" stroke-width="2"${dash}/>` +
      `<text x="${width - margin.right + 45}" y="${legendY + 4}" font-size="12">${name}</text>`
    );
  });
  const ticks = Array.from({ length: 5 }, (_, i) => (maxY / 4) * i);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${margin.left}" y="18" font-size="14" font-weight="600">p99 latency (ms) by concurrent connections</text>
${ticks.map((tick) => `<line x1="${margin.left}" y1="${y(tick).toFixed(1)}" x2="${width - margin.right}" y2="${y(tick).toFixed(1)}" stroke="#e5e8ec"/><text x="${margin.left - 8}" y="${(y(tick) + 4).toFixed(1)}" font-size="11" text-anchor="end">${Math.round(tick)}</text>`).join('\n')}
${xs.map((value) => `<text x="${x(value).toFixed(1)}" y="${height - margin.bottom + 18}" font-size="11" text-anchor="middle">${value}</text>`).join('\n')}
<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" font-size="12" text-anchor="middle">connections</text>
${lines.join('\n')}
</svg>
`;
}
