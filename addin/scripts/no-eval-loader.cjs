// Webpack loader for zod: replaces its aliases of the Function constructor (`const F = Function;`,
// used only by the JIT that `z.config({ jitless: true })` switches off) with a constructor that
// throws. The built task pane then holds no way to turn a string into code, and
// test/no-eval.test.ts checks the bundle for it.
module.exports = function noEvalLoader(source) {
  return source.replace(
    /\bconst (\w+) = Function;/g,
    (_m, name) => `const ${name} = function NoCodeGeneration() { throw new EvalError('code generation is disabled in Sasaeai'); };`,
  );
};
