import { z } from 'zod';

// The page's CSP forbids eval. zod decides whether to compile parsers with `new Function` when each schema is
// built (at import time), and its probe logs a CSP violation; this module is imported first to switch that off.
z.config({ jitless: true });
