#!/usr/bin/env node
import { main } from './cli.js';
import { importCommand } from './facts/import/command.js';

const argv = process.argv.slice(2);
const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);
// `facts import` reads the network, so it runs asynchronously; every other command is synchronous.
if (argv[0] === 'facts' && argv[1] === 'import')
  void importCommand(argv.slice(2), out, err).then((code) => {
    process.exitCode = code;
  });
else process.exitCode = main(argv, out, err);
