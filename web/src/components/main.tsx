import type { ReactNode } from 'react';

export function Main({ children, className }: { children: ReactNode; className?: string }) {
  // tabIndex -1: the skip link and route changes move focus here without adding a tab stop.
  return (
    <main id="main" tabIndex={-1} className={className}>
      {children}
    </main>
  );
}
