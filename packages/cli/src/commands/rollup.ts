import type { Command } from 'commander';
import type { Cli } from '../main.js';
export function registerRollup(_program: Command, _cli: Cli): void {}
