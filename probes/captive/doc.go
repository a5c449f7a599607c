// Package captive owns the question "is a captive portal (a hotel or
// guest Wi-Fi login page) in the way?". It follows Chromium's detector:
// fetch a URL that must answer 204 with no content, without following
// redirects and without caches, and read anything else as a portal.
//
// A portal that fakes the 204 is caught only when the check server
// cooperates: with Config.Challenge the probe sends a random token that
// the real server echoes back (the scheme tailscale uses).
//
// The probe never prints; it returns a Result whose Findings carry raw
// evidence (URLs and statuses from the network: sanitize before display).
package captive
