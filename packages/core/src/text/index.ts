export { toHalfWidth, normalizeSpaces, normalizeLabel, normalizeText, normalizeDashes } from './normalize.js';
