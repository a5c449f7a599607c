// Package report owns what a check says: the certwiz.report/v1 JSON
// document (a fixed contract for scripts and fleets), the text output in
// the flutter-doctor style, the Markdown report a person hands to IT, and
// the exit status. Every string that came from the network is sanitized
// before it reaches the text or Markdown output.
package report
