// Package diagnosis is the one backend behind `certwiz check`, the wizard
// and `certwiz serve`: it adapts a probes.Session's evidence to the
// verdict's facts (Facts, Decide) and gives the wizard its Engine over a
// session, so every front end reaches the same decision from the same
// servers and renders the same reports.
package diagnosis
