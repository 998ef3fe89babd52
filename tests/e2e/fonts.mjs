// The fontconfig file every browser of the test suites uses: no system font but one unlike face
// (fonts/fonts.conf), so every glyph captured comes from the app's own fonts on any machine.
import { fileURLToPath } from "node:url";

export const FONTCONFIG_FILE = fileURLToPath(new URL("./fonts/fonts.conf", import.meta.url));
