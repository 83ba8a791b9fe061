import { startApi } from './start-api.js';

startApi().then(
  (app) => {
    if (app === null) process.exitCode = 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
