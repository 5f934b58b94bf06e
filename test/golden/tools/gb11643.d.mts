export function checkChar(first17: string): string;
export function makeId(region: string, birth: string, seq: string): string;
export function upgrade15(id15: string): string;
export function checkId(text: string): { valid: boolean; normalized?: string; birth?: string; problem?: string };
export function ageOn(birth: string, onDate: string): number;
