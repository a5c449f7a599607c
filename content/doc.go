// Package content owns every word certwiz shows a person: the Markdown
// body of each wizard screen and each error-code page, and the short
// messages (UI labels, status words, finding explanations, the lines of
// `certwiz check`), in English and Japanese.
//
// Everything is embedded at build time from pages/<lang>/<id>.md and
// messages/<lang>.json (a flat JSON object, key -> text), so the binary
// needs no files at run time.
//
// # Placeholders
//
// Text may contain placeholders written {name} (lower-case letters,
// digits and underscores). Page and Msg replace each placeholder that has
// an entry in args and leave the others visible as {name}, so a missing
// argument shows up instead of vanishing. Values are inserted as given
// and are not scanned again for placeholders. content does not sanitize
// them: callers pass values that have already been through sanitize.Text.
// Finding messages ("finding."+ID) use the finding's evidence labels as
// placeholders, so a renderer can pass the evidence as args.
//
// # Missing text
//
// A key or page missing in one language falls back to English; missing
// everywhere, Msg returns the key and Page the id. The package tests make
// both languages complete and give each key the same placeholders in
// both; MissingMsgs and MissingFindings let other packages' tests prove
// that the IDs they emit have text.
//
// # Authoring rules
//
// Whoever adds a key adds it to both en.json and ja.json. Pages use the
// small Markdown subset the wizard renders ("#" headings, "-" and "1."
// lists, paragraphs, **bold**, `code`), stay within about 25 rows at 80
// columns, and use only the placeholders in PagePlaceholders. In Japanese
// text an emphasis marker (*, _) never touches full-width punctuation such
// as 「」（）、。: CommonMark would show the marker literally. Tests enforce
// all of this.
//
// The package uses only the standard library and does no I/O beyond
// reading its embedded files.
package content
