export function systemChromium(): string | null;
export function ensureChromium(log?: (message: string) => void): string | null;
export const CHROMIUM_ARGS: string[];
