// The product mark: a stylised porpoise fin over a wave.
export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <defs>
        <linearGradient id="porpoise-g" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4096ff" />
          <stop offset="1" stopColor="#0958d9" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#porpoise-g)" />
      <path d="M9 20c2-7 7-11 14-12-3 3-4 6-4 10" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M6 23c3 2 6 2 9 0s6-2 9 0" fill="none" stroke="#bae0ff" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
