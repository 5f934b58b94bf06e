/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits of a 身份证号. */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

/** `first17` must be 17 ASCII digits; the caller validates. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * weights[i]!;
  return checkChars[sum % 11]!;
}

