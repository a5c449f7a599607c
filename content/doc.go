// Package content owns every word certwiz shows a person: the Markdown
// body of each wizard screen and each error-code page, and the short
// messages (UI labels, status words, finding explanations, the lines of
// `certwiz check`), in English and Japanese.
//
// Everything is embedded at build time from pages/<lang>/<id>.md and
// messages/<lang>.json, so the binary needs no files at run time.
//
// Text may contain placeholders written {name}. Page and Msg replace each
// placeholder that has an entry in args and leave the others visible as
// {name}, so a missing argument shows up instead of vanishing. Values are
// inserted as given and are not scanned again for placeholders. content
// does not sanitize them: callers pass values that have already been
// through sanitize.Text.
//
// The package uses only the standard library and does no I/O beyond
// reading its embedded files.
package content
