// html-encoding-sniffer v6 ships no types; this matches lib/html-encoding-sniffer.js.
declare module 'html-encoding-sniffer' {
  interface SniffOptions {
    /** Skip the <meta> prescan and default to UTF-8. Default false. */
    xml?: boolean;
    /** Charset label from the transport layer (Content-Type); beaten only by a BOM. */
    transportLayerEncodingLabel?: string | undefined;
    /** Fallback when nothing else decides. Default windows-1252 (UTF-8 when xml). */
    defaultEncoding?: string;
  }
  /** Returns the WHATWG encoding name (proper case, e.g. `UTF-8`, `Shift_JIS`). */
  function sniffHTMLEncoding(bytes: Uint8Array, options?: SniffOptions): string;
  export default sniffHTMLEncoding;
}
