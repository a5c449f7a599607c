// Package deploy holds no code: its directory ships the files that run
// certwiz on a schedule across a fleet (a systemd service and timer, a
// Windows Scheduled Task, a macOS launchd job, Prometheus alert rules and
// an Icinga 2 CheckCommand). Its tests check those files with the tools
// that consume them where they are available (systemd-analyze, promtool)
// and run each shipped command line against the loopback fault lab.
package deploy
