// Package ct owns certwiz's Certificate Transparency check (article code
// 4): it gathers the SCTs a server offers from all three places (the
// certificate's embedded list, the TLS extension and the stapled OCSP
// response), verifies each signature against a log list in Chrome's v3
// schema, and applies Chrome's CT policy to chains that end at a publicly
// trusted root.
//
// Signatures are judged as Chrome judges them: SHA-256 with the log's own
// key type (ECDSA P-256, or RSA of at least 2048 bits), exact DER for
// ECDSA, so an SCT claiming another hash or carrying bytes after its
// signature is invalid. Each log list is indexed, and each log key parsed,
// once per process, so a fleet run pays for the signatures alone.
//
// An SCT from a log the list does not know is "unknown", never invalid:
// the package reports code 4 only on SCTs it could check. An SCT dated
// after the local time is clock evidence, not a CT fault. The default log
// list is embedded (ct-log-list.json, a snapshot made from Firefox's
// known-log table); --ct-logs replaces it through LoadLogList.
package ct
