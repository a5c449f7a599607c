//go:build !unix

package proxylab

import "os/exec"

// ownProcessGroup is a no-op where process groups do not exist; squid
// only runs in the lab on Unix.
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup kills cmd itself.
func killProcessGroup(cmd *exec.Cmd) { _ = cmd.Process.Kill() }
