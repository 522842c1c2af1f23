/** The parts of hyphen 1.14 we use (CommonJS, no types): one module per language, the same functions in each. */
declare module "hyphen/da" {
  const patterns: {
    hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
  };
  export default patterns;
}
declare module "hyphen/en-us" {
  import patterns from "hyphen/da";
  export default patterns;
}
