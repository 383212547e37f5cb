'use client';

import { useState, useSyncExternalStore } from 'react';

const everySecond = (onTick: () => void) => {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
};
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;
const never = () => () => {};
const SKEW_TOLERANCE_MS = 5000;

/**
 * The clock to count down by, ticking once a second. The server's HTML (and hydration) use the server's clock so
 * both agree on the markup; then the browser's clock runs, corrected when it is far off the server's. `live` is false
 * in the server's HTML and without JavaScript, where nothing would count down.
 */
export function useServerClock(serverNow: number): { now: number; live: boolean } {
  // Only a clock that is plainly wrong is corrected: the gap also holds the page's load time, which is no skew.
  const [skew] = useState(() => (Math.abs(serverNow - Date.now()) > SKEW_TOLERANCE_MS ? serverNow - Date.now() : 0));
  const now = useSyncExternalStore(
    everySecond,
    () => currentSecond() + skew,
    () => serverNow,
  );
  const live = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  return { now, live };
}

/** Whole seconds from `now` to `deadline`, rounded so a fresh 2-minute code reads 2:00, never 2:01 or 1:59. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.round((deadline - now) / 1000));
}

/** 95 → "1:35". */
export function formatDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
