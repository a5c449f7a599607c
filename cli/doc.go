// Package cli owns certwiz's command line: the root command (the wizard),
// `check` (the non-interactive diagnosis for people, scripts and fleets),
// `serve` (the wizard over SSH) and `version`, built on cobra and fang.
// It parses and validates flags, wires the packages together and maps
// outcomes to the documented exit statuses.
package cli
