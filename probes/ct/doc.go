// Package ct owns certwiz's Certificate Transparency check (article code
// 4): it gathers the SCTs a server offers from all three places (the
// certificate's embedded list, the TLS extension and the stapled OCSP
// response), verifies each signature against a log list in Chrome's v3
// schema, and applies Chrome's CT policy to chains that end at a publicly
// trusted root.
//
// An SCT from a log the list does not know is "unknown", never invalid:
// the package reports code 4 only on SCTs it could check. An SCT dated
// after the local time is clock evidence, not a CT fault. The default log
// list is embedded (ct-log-list.json, a snapshot made from Firefox's
// known-log table); --ct-logs replaces it through LoadLogList.
package ct
