// The contract a real build wrote (client_contract.py), for the unit tests of
// the JS cores: tests/js/test_node.py builds a site and passes its
// contract.json in ARUNTIME_CONTRACT; run alone, `make build` first and the
// tests read site/assets/aruntime/contract.json.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const file = process.env.ARUNTIME_CONTRACT || path.join(here, "..", "..", "site", "assets", "aruntime", "contract.json");
if (!fs.existsSync(file)) throw new Error(`no contract at ${file}: run the tests through pytest (tests/js/test_node.py) or 'make build' first`);
export const contract = JSON.parse(fs.readFileSync(file, "utf8"));
export const JS = path.join(here, "..", "..", "plugins", "aruntime", "assets", "js");
