// Package steps owns the wizard's decision tree as pure data: the screens
// of the "untrusted server certificate" walk-through, the choices each one
// offers, the facts the probes established, the transitions between
// screens (Next); the decision itself is package verdict's (State.Decision).
//
// It does no I/O and has no UI. The wizard (TUI and plain mode) feeds it
// events — a user's choice, a probe's result, "back" — and renders the
// State it returns; the integrator adapts probe results into the Facts
// types defined here.
package steps
