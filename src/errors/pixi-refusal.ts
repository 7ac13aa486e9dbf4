/**
 * What a refusal said, as data every jsii language can read: through jsii, Python, Java, .NET and Go receive
 * only a refusal's message (jsii's `RuntimeError`, `JsiiError`, ...), never the error object.
 */
export interface PixiRefusal {
  /** The construct or renderer that refused the value, e.g. `PixiDockerImage`. */
  readonly construct: string;
  /** The option, or the path inside it (e.g. `features.cuda.platforms[0]`), that holds the value. */
  readonly option: string;
  /** The value refused, as the message shows it (JSON, so that hidden line breaks and quotes show). */
  readonly value: string;
  /** What the option allows. */
  readonly allowed: string;
  /** What is wrong: `invalid` for a value, `unknown option` for a key the options do not declare. */
  readonly problem: string;
  /** The option probably meant (for a misspelt key), if any. */
  readonly suggestion?: string;
  /** What happened around the refusal (e.g. what `projen new` left behind), the message's last line. */
  readonly note?: string;
}
