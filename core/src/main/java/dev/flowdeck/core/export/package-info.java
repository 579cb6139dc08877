/**
 * Writing browsed messages out, one at a time, so an export of millions of messages never sits in memory: JSON
 * Lines and CSV, both keeping every byte (text where the bytes are UTF-8, base64 where they are not). The GUI's
 * "export" and the command line use the same writers.
 */
package dev.flowdeck.core.export;
