// Package probes owns the diagnosis engine: it runs every probe of a
// check at once — the TLS targets (with revocation, CT and interception
// analysis), the clock, the captive portal and the network context —
// each under its own deadline inside one total budget, streams results as
// each one finishes, and assembles the Report that package report prints
// and package steps decides on.
//
// The probes themselves live in the subpackages; none of them prints or
// imports a UI package. A probe that panics becomes a failed result.
package probes
