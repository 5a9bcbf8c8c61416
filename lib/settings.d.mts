export interface NumberSetting { whole: boolean; min: number; above?: boolean; meaning: string }
export const NUMBER_SETTINGS: Record<string, NumberSetting>;
export class SettingError extends Error {}
export function numberSetting(name: string, fallback: number, env?: Record<string, string | undefined>): number;
export function threadsByDefault(): number;
export function settingProblems(env?: Record<string, string | undefined>): string[];
