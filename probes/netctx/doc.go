// Package netctx owns the network-context probe: which proxy applies
// (environment and system settings, PAC and auto-discovery), whether a VPN
// tunnel is up and carries the default route (full or split tunnel), what
// the resolver answers for the service's names, whether the service's TCP
// and UDP ports are reachable, which NTP server the system is set to and
// whether it answers from here, and Wi-Fi versus wired where cheap.
//
// Probe gathers these facts concurrently, each under a deadline, and
// returns them with Findings (all code 0: context, not certificate
// faults). Suggest turns them, together with the captive-portal and
// public-NTP results of other probes, into a suggested network type.
//
// OS-specific glue (registry, commands) lives in build-tagged files; the
// parsers of every OS's command output are untagged and tested on any OS
// against fixture text. The probe never prints and never changes settings.
package netctx
