/** The native binary's entry: the Node.js globals first, then the checker's own command line. */
import "./globals";
import { main } from "../../checker/cli";

nativeHost.exit(main(nativeHost.args));
