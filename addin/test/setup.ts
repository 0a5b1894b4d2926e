// Same zod setting as the built add-in, so tests run the code paths users run.
import '../src/jitless.js';
