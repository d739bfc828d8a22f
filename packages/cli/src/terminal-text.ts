/**
 * Text from pages, feeds and submitters reaches the terminal through here. A title holding
 * ESC sequences could otherwise recolour, retitle or clear the terminal (or hide lines with a
 * carriage return), so every C0 control but newline and tab, DEL and every C1 control (U+0080 to
 * U+009F: 8-bit CSI and OSC among them) are removed. JSON output needs none of this: JSON
 * escapes control characters itself.
 */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROLS_AND_LAYOUT = /[\u0000-\u001f\u007f-\u009f]/g;

/** Removes control characters, keeping `\n` and `\t` (multi-line output) unless `singleLine`, which drops them too. */
export function terminalText(text: string, options: { singleLine?: boolean } = {}): string {
  return text.replace(options.singleLine ? CONTROLS_AND_LAYOUT : CONTROLS, '');
}
