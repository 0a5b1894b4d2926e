// Must be the first import of every entry: zod reads this when schemas are built, and with it set
// zod never tries to compile parsers with `new Function` (Office webviews may forbid eval by CSP,
// and the add-in does not need it).
import { config } from 'zod';

config({ jitless: true });
