package ntplab

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill chronyd if the test process dies
// without running its cleanups (a test binary timeout, a crash).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
