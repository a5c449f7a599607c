//go:build unix

package ocsplab

import (
	"os/exec"
	"syscall"
)

// ownGroup puts the command in its own process group, so that stop ends
// it together with any child it forks (faketime runs OpenSSL as a child).
func ownGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// stop kills the command's process group and reaps it.
func stop(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
}
