'use client';

import { useState, useSyncExternalStore } from 'react';

const everySecond = (onTick: () => void) => {
  const timer = setInterval(onTick, 1000);
  return () => clearInterval(timer);
};
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;
const never = () => () => {};

/**
 * Seconds left until each deadline, ticking once a second. The server's HTML (and hydration) use the server's
 * clock so both agree on the markup; after that the browser's clock runs, corrected by the skew seen at load.
 * `live` is false in the server's HTML and without JavaScript, where nothing would count down.
 */
export function useSecondsLeft(
  deadlines: readonly number[],
  serverNow: number,
): { secondsLeft: number[]; live: boolean } {
  const [skew] = useState(() => serverNow - Date.now());
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
  return { secondsLeft: deadlines.map((deadline) => Math.max(0, Math.ceil((deadline - now) / 1000))), live };
}

/** 95 → "1:35". */
export function formatDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
