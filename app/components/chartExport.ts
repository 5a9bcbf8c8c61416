// Client-side chart downloads: the chart's own SVG (as recharts drew it), framed with its title,
// unit, filters and source line so a downloaded picture still says what it shows; PNG is that SVG
// rasterised at twice the size for sharp print.

export interface ChartFrame { title: string; lines: string[]; source: string }

const FONT = 'system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The chart's SVG with a header (title, unit, filters) and a footer (source), as standalone SVG text. */
export function framedSvg(chart: SVGSVGElement, frame: ChartFrame): { svg: string; width: number; height: number } {
  const box = chart.getBoundingClientRect();
  const width = Math.max(320, Math.round(box.width));
  const chartHeight = Math.round(box.height);
  const lineHeight = 18;
  const top = 30 + frame.lines.length * lineHeight + 8;
  const height = top + chartHeight + 32;
  const clone = chart.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('x', '0');
  clone.setAttribute('y', String(top));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(chartHeight));
  const inner = new XMLSerializer().serializeToString(clone);
  const header = [
    `<text x="12" y="22" font-size="16" font-weight="700" fill="#1f2933">${escapeXml(frame.title)}</text>`,
    ...frame.lines.map((line, i) => `<text x="12" y="${22 + (i + 1) * lineHeight}" font-size="12" fill="#616e7c">${escapeXml(line)}</text>`),
  ].join('');
  const footer = `<text x="12" y="${height - 12}" font-size="11" fill="#616e7c">${escapeXml(frame.source)}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>`
    + `<rect width="100%" height="100%" fill="#ffffff"/>${header}${inner}${footer}</svg>`;
  return { svg, width, height };
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadSvg(chart: SVGSVGElement, frame: ChartFrame, fileName: string): void {
  const { svg } = framedSvg(chart, frame);
  save(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }), `${fileName}.svg`);
}

export async function downloadPng(chart: SVGSVGElement, frame: ChartFrame, fileName: string): Promise<void> {
  const { svg, width, height } = framedSvg(chart, frame);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    await new Promise<void>((resolve, reject) => { image.onload = () => resolve(); image.onerror = () => reject(new Error('the chart could not be drawn')); image.src = url; });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) save(blob, `${fileName}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
