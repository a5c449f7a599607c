// Package sshserve owns `certwiz serve`: it offers the certwiz wizard to
// helpdesk staff over SSH, so that every probe runs from the network of the
// machine that serves it.
//
// It is built on charm.land/ssh, the server library under wish v2 (see the
// README for why not on wish's middleware). The package decides
// who may connect (public keys from an authorized_keys file, re-read when it
// changes), what a session may do (the wizard on a terminal, or
// `check ...` as a plain command), and the limits around that (concurrent
// sessions, idle time, session length, failed logins per source address,
// graceful shutdown). It does not know the wizard or the check command
// itself: both are injected through Config so the package stays free of UI
// and CLI imports.
//
// A session may not open a shell, run other commands, forward ports or
// sockets, use the client's agent, or start subsystems such as sftp.
package sshserve
