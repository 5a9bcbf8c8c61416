'use client';
// While a crawl runs, the page re-renders from the server every few seconds so its status and counts move.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

export function RefreshWhileRunning({ running, everyMs = 2000 }: { running: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [running, everyMs, router]);
  return null;
}
