// Every test runs with the global Response the API functions install (src/functions/light-response.ts),
// so a test that calls an app directly meets the same Response class as one that goes through a handler.
import { installLightResponse } from '../../src/functions/light-response.js';

installLightResponse();
