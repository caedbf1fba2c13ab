import { shownKey, type CommandId } from '../../../shared/commands/commands';
import { formatKeyBinding, type KeyPlatform } from '../../../shared/commands/key-bindings';

/** macOS shows ⌘ and the other symbols; everyone else Ctrl+…. */
export const KEY_PLATFORM: KeyPlatform =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';

/** The shortcut of a command as this platform writes it ("Ctrl+Shift+S", "⇧⌘S"), or undefined. */
export function shortcutText(id: CommandId, platform: KeyPlatform = KEY_PLATFORM): string | undefined {
  const key = shownKey(id, platform);
  return key && formatKeyBinding(key, platform);
}
