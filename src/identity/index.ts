export { checkCharacter } from './checksum.js';
export { ageOn, birthDateOf, checkIdNumber, normalizeIdText, parseIdNumber, type IdCheck, type IdParse, type IdProblem } from './idNumber.js';
export { maskAccount, maskId } from './mask.js';
export { namesAgree, normalizeName } from './names.js';
export { allCountyCodes, isKnownRegion, regionFullName, regionName } from './regions.js';
