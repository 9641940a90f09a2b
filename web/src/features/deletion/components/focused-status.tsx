import { useEffect, useRef } from 'react';
import { StatusMessage } from '../../../components/alerts.tsx';

/** A status message that takes focus when it appears, so keyboard users are not left on a button that vanished. */
export function FocusedStatus({ message }: { message: string }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => region.current?.focus(), []);
  return (
    <div ref={region} tabIndex={-1} className="deletion-feedback">
      <StatusMessage>{message}</StatusMessage>
    </div>
  );
}
