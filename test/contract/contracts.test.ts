import { describeOnEveryBackend } from '../support/backends.js';
import { allContracts } from './contracts.js';

/** The same contract suites against each backend: in memory, SQLite in memory, and MySQL. */
describeOnEveryBackend('port contracts', allContracts);
