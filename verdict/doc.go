// Package verdict owns the one decision a diagnosis ends in: given the
// evidence (Facts, adapted from the probes' results) and the person's
// Answers, Decide returns the primary cause of the alert, the ordered
// list of everything to fix, the exit status, and the targets that were
// never tested. `certwiz check`, the wizard and every report render the
// Decision they are given; none of them decides anything itself.
//
// The package is pure: no I/O, no UI, no clock. It imports only the
// shared vocabulary in package findings.
package verdict
