import { EXPORT_FORMAT_LABELS, EXPORT_FORMATS } from '../interop/export-formats';
import type { KeyPlatform } from './key-bindings';

/**
 * Every command the user can give (menu item, shortcut, toolbar button, command palette entry), declared once. The
 * Electron menu (src/main/menu.ts) and the renderer (src/renderer/src/commands) both read this table; what a command
 * does lives in the renderer's handler map, typed `Record<CommandId, …>` so a command without a handler does not
 * compile. After excalidraw's `actions/register.ts` and tldraw's `ui/context/actions.tsx`.
 */

/** Where a command's shortcut applies. */
export type KeyScope =
  /** Also while typing in a field: file commands, Train, help. */
  | 'anywhere'
  /** Not while a text field has focus, where the same keys edit the text (undo, copy, select all…). */
  | 'outside-text'
  /** Only on the canvas or with nothing focused: Backspace on a toolbar button must not delete layers. */
  | 'canvas';

/** The native menu bar, in order. */
export const MENUS = { file: 'File', edit: 'Edit', view: 'View', help: 'Help' } as const;
export type MenuId = keyof typeof MENUS;

export interface CommandDefinition {
  /** As in menus and the command palette. */
  label: string;
  /** A toolbar button's text (and accessible name) where it is shorter than the menu's. */
  buttonLabel?: string;
  /** One phrase for tooltips and the command palette; defaults to the label. */
  description?: string;
  /** Shortcuts in the notation of key-bindings.ts; all of them work, the first (or `macKey`) is the one shown. */
  keys?: readonly string[];
  /** The binding shown on macOS when it is not the first (Redo: ⇧⌘Z there, Ctrl+Y elsewhere). */
  macKey?: string;
  /** Default `outside-text`, the safe choice for a new command. */
  keyScope?: KeyScope;
  /** Menu and group; a separator goes between groups. Commands without one are reached by shortcut, button or palette. */
  menu?: { in: MenuId; group: string };
}

/** "TensorFlow.js, PyTorch, Keras or ONNX", from the export format registry. */
function listFormats(): string {
  const labels = EXPORT_FORMATS.map((format) => EXPORT_FORMAT_LABELS[format]);
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

export const COMMANDS = {
  new: {
    label: 'New from template…',
    buttonLabel: 'New…',
    description: 'New project from a template',
    keys: ['Mod+N'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'open' },
  },
  open: {
    label: 'Open…',
    description: 'Open a project',
    keys: ['Mod+O'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'open' },
  },
  openModel: {
    label: 'Open model…',
    description: 'Open a TensorFlow.js or Keras model.json as an editable project',
    menu: { in: 'file', group: 'open' },
  },
  save: {
    label: 'Save',
    description: 'Save the project',
    keys: ['Mod+S'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'save' },
  },
  saveAs: {
    label: 'Save as…',
    description: 'Save the project under a new name',
    keys: ['Mod+Shift+S'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'save' },
  },
  exportModel: {
    label: 'Export model…',
    description: `The trained model as ${listFormats()}, with its data if you like`,
    keys: ['Mod+E'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'export' },
  },
  exportGraphPng: {
    label: 'Export graph as PNG…',
    description: 'Picture of the graph for handouts and slides: PNG at twice the screen size',
    menu: { in: 'file', group: 'export' },
  },
  exportGraphSvg: {
    label: 'Export graph as SVG…',
    description: 'Picture of the graph for handouts and slides: SVG, sharp at any size',
    menu: { in: 'file', group: 'export' },
  },
  exercises: {
    label: 'Exercises…',
    buttonLabel: 'Exercises',
    description: 'The course’s exercises: open one, see which you passed',
    menu: { in: 'file', group: 'exercise' },
  },
  openExerciseFile: {
    label: 'Open exercise file…',
    description: 'Open an exercise a teacher handed out (*.layerlab-exercise.json)',
    menu: { in: 'file', group: 'exercise' },
  },
  checkExercise: {
    label: 'Check',
    description: 'Train under the exercise’s rules and check every criterion',
    keys: ['Mod+Enter'],
    keyScope: 'anywhere',
    menu: { in: 'file', group: 'exercise' },
  },
  stopCheck: {
    label: 'Stop check',
    description: 'Stop the running check: nothing is judged',
    menu: { in: 'file', group: 'exercise' },
  },
  exportSubmission: {
    label: 'Export submission…',
    buttonLabel: 'Export submission',
    description: 'Save the project file your teacher grades',
    menu: { in: 'file', group: 'exercise' },
  },
  closeExercise: {
    label: 'Close exercise',
    description: 'Leave the exercise: the graph stays, without its locks and rules',
    menu: { in: 'file', group: 'exercise' },
  },
  saveAsExercise: {
    label: 'Save as exercise…',
    description: 'For teachers: turn this project into an exercise file with locks, rules and criteria',
    menu: { in: 'file', group: 'exercise' },
  },
  undo: { label: 'Undo', keys: ['Mod+Z'], menu: { in: 'edit', group: 'history' } },
  redo: {
    label: 'Redo',
    keys: ['Mod+Y', 'Mod+Shift+Z'],
    macKey: 'Mod+Shift+Z',
    menu: { in: 'edit', group: 'history' },
  },
  cut: { label: 'Cut', description: 'Cut the selected layers', keys: ['Mod+X'], menu: { in: 'edit', group: 'layers' } },
  copy: {
    label: 'Copy',
    description: 'Copy the selected layers',
    keys: ['Mod+C'],
    menu: { in: 'edit', group: 'layers' },
  },
  paste: { label: 'Paste', description: 'Paste layers', keys: ['Mod+V'], menu: { in: 'edit', group: 'layers' } },
  duplicate: {
    label: 'Duplicate',
    description: 'Duplicate the selected layers',
    keys: ['Mod+D'],
    menu: { in: 'edit', group: 'layers' },
  },
  delete: {
    label: 'Delete',
    description: 'Delete the selected layers and connections',
    keys: ['Delete', 'Backspace'],
    macKey: 'Backspace',
    keyScope: 'canvas',
    menu: { in: 'edit', group: 'layers' },
  },
  selectAll: { label: 'Select all', keys: ['Mod+A'], menu: { in: 'edit', group: 'layers' } },
  findLayer: {
    label: 'Find a layer…',
    description: 'Jump to the layer search: type a name, Enter adds the first match',
    keys: ['/'],
    menu: { in: 'edit', group: 'find' },
  },
  commandPalette: {
    label: 'Command palette…',
    buttonLabel: 'Commands',
    description: 'Find and run any command',
    keys: ['Mod+K', 'Mod+Shift+P'],
    keyScope: 'anywhere',
    menu: { in: 'view', group: 'palette' },
  },
  fitView: {
    label: 'Fit view',
    description: 'Fit the graph in view',
    keys: ['Mod+0'],
    menu: { in: 'view', group: 'viewport' },
  },
  zoomIn: { label: 'Zoom in', keys: ['Mod+=', 'Mod+Plus'], menu: { in: 'view', group: 'viewport' } },
  zoomOut: { label: 'Zoom out', keys: ['Mod+-'], menu: { in: 'view', group: 'viewport' } },
  autoLayout: {
    label: 'Auto-layout',
    description: 'Arrange the layers along the data flow',
    keys: ['Mod+Shift+L'],
    menu: { in: 'view', group: 'layout' },
  },
  toggleLayoutDirection: {
    label: 'Switch layout direction',
    description: 'Arrange the layers left to right, or back top to bottom',
    menu: { in: 'view', group: 'layout' },
  },
  togglePalette: {
    label: 'Show or hide the layer palette',
    description: 'Collapse the layer palette to give the canvas room, or bring it back',
    menu: { in: 'view', group: 'panels' },
  },
  toggleSidePanel: {
    label: 'Show or hide the side panel',
    description: 'Collapse the inspector and summary, or bring them back',
    menu: { in: 'view', group: 'panels' },
  },
  toggleTrainingPanel: {
    label: 'Show or hide the training panel',
    description: 'Collapse the training panel to its header, or open it',
    menu: { in: 'view', group: 'panels' },
  },
  toggleTheme: {
    label: 'Toggle theme',
    description: 'Switch between the light and the dark theme',
    keys: ['Mod+Shift+T'],
    keyScope: 'anywhere',
    menu: { in: 'view', group: 'theme' },
  },
  train: { label: 'Train', description: 'Train the model', keys: ['F5'], keyScope: 'anywhere' },
  pause: { label: 'Pause', description: 'Pause training after the current batch' },
  resume: { label: 'Resume', description: 'Resume the paused training' },
  stop: { label: 'Stop', description: 'Stop training' },
  layerReference: {
    label: 'Layer reference',
    description: 'What each layer does',
    keys: ['F1'],
    keyScope: 'anywhere',
    menu: { in: 'help', group: 'help' },
  },
  about: { label: 'About LayerLab', menu: { in: 'help', group: 'about' } },
} as const satisfies Record<string, CommandDefinition>;

export type CommandId = keyof typeof COMMANDS;

/** The commands the native menu can send (they have a menu placement). */
export type MenuCommandId = {
  [K in CommandId]: (typeof COMMANDS)[K] extends { menu: object } ? K : never;
}[CommandId];

/** Registry order: the menus, the command palette and the tests list commands in it. */
export const COMMAND_IDS = Object.keys(COMMANDS) as CommandId[];

export function commandDefinition(id: CommandId): CommandDefinition {
  return COMMANDS[id];
}

export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && Object.hasOwn(COMMANDS, value);
}

/** Commands placed in `menu`, in registry order, split into the groups a separator divides. */
export function menuGroups(menu: MenuId): MenuCommandId[][] {
  const groups = new Map<string, MenuCommandId[]>();
  for (const id of COMMAND_IDS) {
    const placement = commandDefinition(id).menu;
    if (placement?.in !== menu) continue;
    const group = groups.get(placement.group) ?? [];
    group.push(id as MenuCommandId);
    groups.set(placement.group, group);
  }
  return [...groups.values()];
}

/** The binding to show beside a command on `platform`, or undefined when it has no shortcut. */
export function shownKey(id: CommandId, platform: KeyPlatform): string | undefined {
  const command = commandDefinition(id);
  return (platform === 'mac' ? command.macKey : undefined) ?? command.keys?.[0];
}
