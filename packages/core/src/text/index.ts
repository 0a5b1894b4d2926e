export { toHalfWidth, normalizeSpaces, normalizeLabel, normalizeText, normalizeDashes } from './normalize.js';
export { nameVariantKey, similarity, closest } from './similar.js';
