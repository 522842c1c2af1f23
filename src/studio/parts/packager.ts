/** packager.js: unit in, zips and launch page out (jszip, the page renderer, the hyphenation patterns); loaded after the first import. */
import { makePackage, packageSite } from "../../packaging/packages";

const packager = { makePackage, packageSite };
export type Packager = typeof packager;

(window.studioParts ??= {}).packager = packager;
