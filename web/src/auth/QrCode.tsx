import { useEffect, useState } from 'react';

/**
 * A QR code of `text`, drawn as an SVG path from the `qr` encoder's module matrix (no HTML injected).
 * The encoder (a few kB) loads only when a QR code is shown.
 */
export function QrCode({ text, label, size = 192 }: { text: string; label: string; size?: number }) {
  const [modules, setModules] = useState<boolean[][] | null>(null);
  useEffect(() => {
    let live = true;
    void import('qr').then(({ encodeQR }) => {
      if (live) setModules(encodeQR(text, 'raw', { ecc: 'medium', border: 2 }));
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!modules) return <div style={{ width: size, height: size }} aria-hidden="true" />;
  const n = modules.length;
  let d = '';
  modules.forEach((row, y) => row.forEach((on, x) => on && (d += `M${x} ${y}h1v1h-1z`)));
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n} ${n}`}
      shapeRendering="crispEdges"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
