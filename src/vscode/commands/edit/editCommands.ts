// Edit YAML and Apply File… (dry run, diff, guard, apply), listed once for registerCommands.
import type { CommandFactory } from '../command';
import { applyFileCommand } from './applyFileCommand';
import { editYamlCommand } from './editYamlCommand';

export const editCommands: readonly CommandFactory[] = [editYamlCommand, applyFileCommand];
