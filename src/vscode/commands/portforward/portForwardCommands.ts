// The port-forward commands (start on pod/deployment rows; Stop, Open in Browser, Copy URL on the view's rows), listed once for registerCommands.
import type { CommandFactory } from '../command';
import { copyPortForwardUrlCommand } from './copyPortForwardUrlCommand';
import { openPortForwardCommand } from './openPortForwardCommand';
import { portForwardCommand } from './portForwardCommand';
import { stopPortForwardCommand } from './stopPortForwardCommand';

export const portForwardCommands: readonly CommandFactory[] = [portForwardCommand, stopPortForwardCommand, openPortForwardCommand, copyPortForwardUrlCommand];
