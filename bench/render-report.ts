/** `npm run bench:report`: renders docs/benchmarks.md from bench/results.json without measuring anything. */
import { writeDocument } from './report/write-document.js';

writeDocument();
process.stdout.write('wrote docs/benchmarks.md from bench/results.json\n');
