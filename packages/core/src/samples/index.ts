/**
 * Deterministic sample returns for tests, benchmarks and demos.
 *
 * @packageDocumentation
 */
export { createRng, type Rng } from './rng.js';
export {
  generateReturns,
  generateMeasureReturn,
  type GenerateReturnsOptions,
  type GenerateMeasureReturnOptions,
  type GeneratedReturns,
  type SampleBadKind,
  type SampleBadRow,
} from './generate.js';
