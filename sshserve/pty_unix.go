//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package sshserve

import (
	"os"
	"runtime"
	"time"

	"charm.land/ssh"
	"golang.org/x/sys/unix"
)

// ptyOption gives every session that asks for a terminal a real kernel
// PTY, so line-mode (screen-reader) prompts get echo and Enter works.
func ptyOption() ssh.Option { return ssh.AllocatePty() }

// ptyFiles returns the PTY's slave side for the program's input and output.
func ptyFiles(pty ssh.Pty) (in, out *os.File, ok bool) {
	if pty.Slave == nil {
		return nil, nil, false
	}
	return pty.Slave, pty.Slave, true
}

// ptySize reads the PTY's current size.
func ptySize(pty ssh.Pty) (w, h int, ok bool) {
	if pty.Slave == nil {
		return 0, 0, false
	}
	rc, err := pty.Slave.SyscallConn()
	if err != nil {
		return 0, 0, false
	}
	var ws *unix.Winsize
	var ioErr error
	if err := rc.Control(func(fd uintptr) { ws, ioErr = unix.IoctlGetWinsize(int(fd), unix.TIOCGWINSZ) }); err != nil || ioErr != nil {
		return 0, 0, false
	}
	return int(ws.Col), int(ws.Row), true
}

// resizePty sets the PTY's size.
func resizePty(pty ssh.Pty, w, h int) {
	if pty.Master != nil && w > 0 && h > 0 {
		_ = pty.Resize(w, h)
	}
}

// drainPty waits (at most maxDrain) until what the program wrote to the
// PTY has been read by charm.land/ssh's copier, so the last lines and the
// terminal-restoring sequences reach the client before the session
// closes. The copier's write of its last chunk cannot be observed, only
// its read: the master must stay empty for settle (yielding to the
// copier meanwhile) before the session may end, which covers a copier
// held between its read and its write on a busy machine.
func drainPty(pty ssh.Pty) {
	const maxDrain, step, settle = 2 * time.Second, 5 * time.Millisecond, 50 * time.Millisecond
	if pty.Master == nil {
		return
	}
	rc, err := pty.Master.SyscallConn()
	if err != nil {
		return
	}
	pending := func() int {
		n := 0
		var ioErr error
		if cerr := rc.Control(func(fd uintptr) { n, ioErr = unix.IoctlGetInt(int(fd), fionread) }); cerr != nil || ioErr != nil {
			return -1
		}
		return n
	}
	quiet := time.Duration(0)
	for waited := time.Duration(0); waited < maxDrain && quiet < settle; waited += step {
		switch n := pending(); {
		case n < 0:
			return
		case n == 0:
			quiet += step
		default:
			quiet = 0
		}
		runtime.Gosched()
		time.Sleep(step)
	}
}

// closePty closes both sides of the PTY (after a client vanished).
func closePty(pty ssh.Pty) {
	if pty.Master != nil {
		_ = pty.Master.Close()
	}
	if pty.Slave != nil {
		_ = pty.Slave.Close()
	}
}
