// Package findings owns the vocabulary every probe speaks: the article's
// error codes, a typed Finding with its evidence, and the browsers' ranking
// that picks the primary code when a certificate has several faults.
//
// It has no I/O and no UI. Probes produce Findings; package steps decides
// on them; the wizard and the report render them.
package findings
