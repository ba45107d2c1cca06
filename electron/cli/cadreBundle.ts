// cadre-bundle: `npm run cadre-bundle -- VERB …` (docs/bundle-format.md "Command-line tool"). The command is
// bundleCommand.ts; this entry runs it on the process's arguments, prints to its streams and sets its exit code.
import { main } from './bundleCommand';

process.exitCode = await main(process.argv.slice(2));
